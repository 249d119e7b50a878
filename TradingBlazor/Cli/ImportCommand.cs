using System.Globalization;
using TradingBlazor.Adapters.Csv;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Engine.MarketData;

namespace TradingBlazor.Cli;

/// <summary><c>import --input bars.csv --symbol SPY [--timeframe 1d]</c>: loads a CSV into the bar store of the configured database.</summary>
public static class ImportCommand
{
    public const string Usage = "import --input bars.csv --symbol SPY [--timeframe 1m|5m|15m|1h|1d]";

    public static async Task<int> RunAsync(CliArguments args, string[] hostArgs, TextWriter stdout)
    {
        var input = args.RequiredPath("input");
        var symbol = args.Required("symbol");
        var timeframe = args.Optional("timeframe") is { } tf ? Timeframe.Parse(tf) : null;
        args.RejectUnknown();
        var inputFile = input.Existing("input");

        // Same configuration and store as the app; the database is migrated, nothing else starts.
        await using var app = await CliHost.StartAsync(hostArgs, migrate: true);
        using var reader = BarCsvReader.OpenFile(inputFile);
        var report = await app.Services.GetRequiredService<BarImportService>().ImportAsync(reader, symbol, timeframe);

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{report.Symbol} {report.Timeframe}: {report.Accepted} rows accepted ({report.Added} new, {report.Updated} already stored), {report.Rejected.Count} rejected; format {report.Format}"));
        foreach (var row in report.Rejected.Take(20)) stdout.WriteLine($"  line {row.Line}: {row.Reason}");
        if (report.Rejected.Count > 20) stdout.WriteLine($"  ... and {report.Rejected.Count - 20} more");
        return report.Accepted == 0 && report.Rejected.Count > 0 ? 1 : 0;
    }
}
