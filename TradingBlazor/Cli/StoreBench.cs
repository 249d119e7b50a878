using System.Diagnostics;
using System.Globalization;
using TradingBlazor.Adapters.Simulated;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.MarketData;

namespace TradingBlazor.Cli;

/// <summary>
/// <c>bench store [--days 252]</c>: writes a year of simulated 1-minute bars into a fresh SQLite file through the real
/// store, re-imports them (idempotent path), and times the chart's range read, median of 5.
/// </summary>
public static class StoreBench
{
    public static async Task<int> RunAsync(CliArguments args, TextWriter stdout)
    {
        int days = args.Int("days", 252, 1, 2520);
        args.RejectUnknown();
        var dir = Path.Combine(Path.GetTempPath(), $"tb-bench-{Guid.NewGuid():N}");
        try
        {
            await using var app = await CliHost.StartAsync(new[] { $"--Storage:DataDirectory={dir}" }, migrate: true);
            var store = app.Services.GetRequiredService<IBarStore>();

            var calendar = new NyseCalendar();
            var model = new SimulatedPriceModel(calendar, 1);
            var sessions = calendar.SessionsBetween(new DateOnly(2025, 1, 1), new DateOnly(2030, 12, 31)).Take(days).ToList();
            var bars = sessions.SelectMany(s => model.MinuteBars("BENCH", s.Date)).ToList();

            var sw = Stopwatch.StartNew();
            int added = await store.UpsertAsync(bars);
            double insert = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            int again = await store.UpsertAsync(bars);
            double reimport = sw.Elapsed.TotalMilliseconds;

            var from = sessions[0].OpenUtc;
            var to = sessions[^1].CloseUtc;
            var reads = new List<double>();
            int read = 0;
            for (int i = 0; i < 6; i++)
            {
                sw.Restart();
                read = (await store.GetBarsAsync("BENCH", Timeframe.Minute1, from, to)).Count;
                if (i > 0) reads.Add(sw.Elapsed.TotalMilliseconds);
            }
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{bars.Count:N0} 1m bars ({days} sessions): insert {insert:F0} ms ({bars.Count / insert * 1000:N0} bars/s, {added:N0} new); " +
                $"re-import {reimport:F0} ms ({again} new); range read of {read:N0} bars: median {BenchCommand.Median(reads):F0} ms"));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
