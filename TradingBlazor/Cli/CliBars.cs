using TradingBlazor.Adapters.Csv;
using TradingBlazor.Domain.MarketData;

namespace TradingBlazor.Cli;

/// <summary>Bars for a command that computes on them: one bad row stops it, named by its line (an import keeps the rest instead).</summary>
public static class CliBars
{
    public static BarCsvResult ReadAll(string file, string symbol, Timeframe? timeframe = null)
    {
        var data = BarCsvReader.ReadFile(file, symbol, timeframe);
        if (data.Rejected.Count > 0)
        {
            var first = data.Rejected[0];
            var more = data.Rejected.Count > 1 ? $" (and {data.Rejected.Count - 1} more bad rows)" : "";
            throw new CliUsageException($"{Path.GetFileName(file)} line {first.Line}: {first.Reason}{more}");
        }
        return data;
    }
}
