using System.Globalization;
using TradingBlazor.Adapters.Csv;
using TradingBlazor.Domain.Indicators.Framework;
using TradingBlazor.Domain.Indicators.Registry;
using TradingBlazor.Domain.MarketData;

namespace TradingBlazor.Cli;

/// <summary>
/// <c>indicators --input bars.csv --indicator "rsi(14)" [--indicator ...] [--output out.csv]</c>: computes indicators over a
/// CSV of bars and writes timestamp plus one column per output (empty during warm-up, round-trip precision).
/// </summary>
public static class IndicatorsCommand
{
    public const string Usage = "indicators --input bars.csv --indicator \"rsi(14)\" [--indicator \"macd(12,26,9)\" ...] [--output out.csv] [--list]";

    public static int Run(CliArguments args, TextWriter stdout)
    {
        if (args.Flag("list"))
        {
            args.RejectUnknown();
            foreach (var d in IndicatorCatalog.Default.All)
                stdout.WriteLine($"{d.Id}({string.Join(",", d.Parameters.Select(p => $"{p.Name}={IndicatorParameter.Format(p.Default)}"))}) -> {string.Join(",", d.Outputs)}: {d.Description}");
            return 0;
        }
        var input = args.RequiredPath("input");
        var specs = args.All("indicator");
        var outputPath = args.OptionalPath("output");
        args.RejectUnknown();
        if (specs.Count == 0) throw new CliUsageException("at least one --indicator is required, e.g. --indicator \"rsi(14)\"");
        var inputFile = input.Existing("input");
        var parsed = specs.Select(s => IndicatorSpec.Parse(s, IndicatorCatalog.Default)).ToList();
        var data = CliBars.ReadAll(inputFile, "INPUT");
        var bars = data.Bars.Select(b => b.ToOhlcv()).ToArray();
        var columns = parsed.SelectMany(s => s.ComputeColumns(bars)).ToList();
        var names = parsed.SelectMany(s => s.ColumnNames).ToList();

        using var writer = outputPath is null ? TextWriter.Null : new StreamWriter(outputPath.Full);
        var target = outputPath is null ? stdout : writer;
        target.WriteLine("timestamp," + string.Join(",", names));
        var line = new System.Text.StringBuilder();
        for (int i = 0; i < bars.Length; i++)
        {
            line.Clear().Append(FormatTime(data.Bars[i]));
            foreach (var column in columns)
            {
                line.Append(',');
                if (!double.IsNaN(column[i])) line.Append(column[i].ToString("R", CultureInfo.InvariantCulture));
            }
            target.WriteLine(line);
        }
        if (outputPath is not null)
            stdout.WriteLine($"Wrote {bars.Length} rows x {names.Count} columns to {outputPath}");
        return 0;
    }

    /// <summary>Daily bars as their exchange date; intraday bars as the UTC instant.</summary>
    private static string FormatTime(Bar bar) => bar.Timeframe.IsDaily
        ? Domain.Time.MarketTime.EasternDate(bar.StartUtc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : bar.StartUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
