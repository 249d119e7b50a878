using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TradingBlazor.Domain.Time;
using TradingBlazor.Adapters.Simulated;
using TradingBlazor.Data;
using TradingBlazor.Data.Entities;
using TradingBlazor.Data.Trading;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Engine.Trading;

namespace TradingBlazor.Cli;

/// <summary>
/// <c>bench engine [--bots 10,100,1000] [--minutes 390] [--journal memory,store]</c>: the live engine for N bots on the
/// simulated market's minute bars, through real <see cref="Engine.Bots.BotWorker"/>s. After an untimed JIT warm-up
/// fleet and 300 warm-up bars per bot: M minutes paced (drained after each minute, so latency is per minute, not
/// queueing) for closed bar -> decision latency, then the next M minutes flat out for throughput. The memory journal
/// is the engine's own cost; the store journal adds SQLite (a temp file) as a live bot has it. Fractional shares with
/// the memory journal, whole shares with the store (it keeps 9 fractional digits; the simulated broker fills to 12).
/// </summary>
public static class EngineBench
{
    private static readonly string[] Symbols = { "SPY", "AAPL", "MSFT", "NVDA", "TSLA" };
    private const int WarmBars = 300;

    public static async Task<int> RunAsync(CliArguments args, TextWriter stdout)
    {
        var counts = List(args.Optional("bots") ?? "10,100,1000", "bots").Select(c => Parse(c, "bots", 1, 10_000)).ToArray();
        int minutes = args.Int("minutes", 390, 1, 3_900);
        var journals = List(args.Optional("journal") ?? "memory,store", "journal");
        if (journals.FirstOrDefault(j => j is not ("memory" or "store")) is { } bad) throw new CliUsageException($"--journal takes memory and/or store (got '{bad}')");
        args.RejectUnknown();

        var calendar = new NyseCalendar();
        var model = new SimulatedPriceModel(calendar, 1);
        var sessions = calendar.SessionsBetween(new DateOnly(2026, 3, 2), new DateOnly(2030, 12, 31)).GetEnumerator();
        sessions.MoveNext();
        var warmUp = Symbols.ToDictionary(s => s, s => model.MinuteBars(s, sessions.Current.Date).TakeLast(WarmBars).ToArray());
        var stream = new List<Bar[]>();
        while (stream.Count < 2 * minutes && sessions.MoveNext())
        {
            var day = Symbols.Select(s => model.MinuteBars(s, sessions.Current.Date)).ToArray();
            for (int m = 0; m < day[0].Count; m++) stream.Add(day.Select(d => d[m]).ToArray());
        }
        var paced = stream.Take(minutes).ToList();
        var flatOut = stream.Skip(minutes).Take(minutes).ToList();

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"engine: RSI(14)+MACD(12,26,9) rules bots, each with its own simulated broker, pipeline, journal and worker, spread over {string.Join(",", Symbols)} " +
            $"1m simulated bars; {WarmBars} warm-up bars, {minutes} minutes paced (latency), {minutes} more flat out (throughput; live needs 1 min/s at 60x)"));
#if DEBUG
        stdout.WriteLine("warning: Debug build; use -c Release for real figures");
#endif
        stdout.WriteLine("| journal | bots | p50 µs | p99 µs | max µs | decide p50 µs | decide p99 µs | paced bot-bars/s | paced B/bot-bar | paced GC pause ms | flat-out bot-bars/s | market min/s (60x = 1) | RSS KB/bot | heap KB/bot | signals | orders | fills |");
        stdout.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var journal in journals)
        {
            var dir = Path.Combine(Path.GetTempPath(), $"tb-bench-{Guid.NewGuid():N}");
            try
            {
                await using var app = journal == "store" ? await CliHost.StartAsync(new[] { $"--Storage:DataDirectory={dir}" }, migrate: true) : null;
                var db = app?.Services.GetRequiredService<IDbContextFactory<TradingDbContext>>();
                Func<long, ITradingJournal> create = db is null ? _ => new MemoryJournal() : id => new StoreJournal(db, id, TimeProvider.System);
                await RunFleetAsync(Math.Min(100, counts.Max()), null); // JIT warm-up, untimed
                foreach (var n in counts) await RunFleetAsync(n, journal);

                async Task RunFleetAsync(int n, string? report)
                {
                    var ids = db is null ? Enumerable.Range(1, n).Select(i => (long)i).ToList() : await AddBotsAsync(db, n);
                    await Task.Delay(20); // off the stack that finished the last fleet (it may still hold references to it)
                    var (ws, heap) = Memory();
                    await using var fleet = new EngineFleet(Symbols, ids, create, warmUp, calendar, fractional: db is null);
                    fleet.RecordLatency(n * minutes);
                    var pause = GC.GetTotalPauseDuration();
                    long allocated = GC.GetTotalAllocatedBytes(precise: true);
                    var sw = Stopwatch.StartNew();
                    foreach (var minute in paced)
                    {
                        fleet.Publish(minute);
                        await fleet.DrainAsync();
                    }
                    double pacedSeconds = sw.Elapsed.TotalSeconds;
                    var gc = new PacedGc((GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)(n * paced.Count), (GC.GetTotalPauseDuration() - pause).TotalMilliseconds);
                    fleet.StopRecording();
                    sw.Restart();
                    foreach (var minute in flatOut) fleet.Publish(minute);
                    await fleet.DrainAsync();
                    double flatSeconds = sw.Elapsed.TotalSeconds;
                    var (ws2, heap2) = Memory();
                    if (report is not null) stdout.WriteLine(Row(report, fleet, gc, pacedSeconds, paced.Count, flatSeconds, flatOut.Count, (ws2 - ws) / 1024.0 / n, (heap2 - heap) / 1024.0 / n));
                }
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            }
        }
        return 0;
    }

    private readonly record struct PacedGc(double BytesPerBar, double PauseMs);

    private static string Row(string journal, EngineFleet fleet, PacedGc gc, double pacedSeconds, int pacedMinutes, double flatSeconds, int flatMinutes, double rssKb, double heapKb)
    {
        var sorted = fleet.Latencies.ToArray();
        var decide = fleet.DecisionTimes.ToArray();
        Array.Sort(sorted);
        Array.Sort(decide);
        double Of(long[] s, double p) => s.Length == 0 ? double.NaN : EngineFleet.Micros(s[Math.Clamp((int)Math.Ceiling(p * s.Length) - 1, 0, s.Length - 1)]);
        double Pct(double p) => Of(sorted, p);
        double marketMinutes = flatMinutes / flatSeconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {journal} | {fleet.Count:N0} | {Pct(0.5):F1} | {Pct(0.99):F1} | {Pct(1):F0} | {Of(decide, 0.5):F1} | {Of(decide, 0.99):F1} | {fleet.Count * pacedMinutes / pacedSeconds:N0} | {gc.BytesPerBar:F0} | {gc.PauseMs:F1} | " +
            $"{fleet.Count * flatMinutes / flatSeconds:N0} | {marketMinutes:N1} | {rssKb:F1} | {heapKb:F1} | {fleet.Signals:N0} | {fleet.Orders:N0} | {fleet.Fills:N0} |");
    }

    private static (long WorkingSet, long Heap) Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return (process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: true));
    }

    /// <summary>Stored bots for the store journal (its rows reference them).</summary>
    private static async Task<List<long>> AddBotsAsync(IDbContextFactory<TradingDbContext> factory, int n)
    {
        await using var db = await factory.CreateDbContextAsync();
        var now = TimeProvider.System.UtcNow();
        var bots = Enumerable.Range(0, n).Select(i => new BotRecord { Name = $"bench {Guid.NewGuid():N}", ConfigJson = "{}", CreatedAt = now, UpdatedAt = now }).ToList();
        db.Bots.AddRange(bots);
        await db.SaveChangesAsync();
        return bots.Select(b => b.Id).ToList();
    }

    private static string[] List(string text, string name)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return items.Length > 0 ? items : throw new CliUsageException($"--{name} needs at least one value");
    }

    private static int Parse(string text, string name, int min, int max) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v : throw new CliUsageException($"--{name} values must be whole numbers from {min} to {max} (got '{text}')");
}
