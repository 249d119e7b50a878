using System.Diagnostics;
using System.Globalization;
using TradingBlazor.Adapters.Simulated;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Engine.Backtesting;

namespace TradingBlazor.Cli;

/// <summary>
/// <c>bench backtest-memory [--symbols 10] [--sessions 520] [--modes streamed,held]</c>: imports simulated 1-minute bars
/// into a fresh SQLite file through the real store, then runs the RSI + MACD bot over all of them through the backtest
/// service (queue, streamed bars, stored results) and reports the bars/s and the peak memory growth per bar: what the
/// heap held after its collections (the run's live data), the managed heap sampled between them (garbage included), and
/// the process's peak resident set. "held" runs the same bars loaded whole first, as runs did
/// before they streamed.
/// </summary>
public static class BacktestMemoryBench
{
    public const string Usage = "bench backtest-memory [--symbols 10] [--sessions 520] [--modes streamed,held]";

    public static async Task<int> RunAsync(CliArguments args, TextWriter stdout)
    {
        int symbolCount = args.Int("symbols", 10, 1, 10);
        int sessionCount = args.Int("sessions", 520, 5, 6000);
        var modes = (args.Optional("modes") ?? "streamed").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (modes.Length == 0 || modes.Any(m => m is not ("streamed" or "held"))) throw new CliUsageException("--modes takes streamed, held or both");
        args.RejectUnknown();
        var dir = Path.Combine(Path.GetTempPath(), $"tb-bench-{Guid.NewGuid():N}");
        try
        {
            await using var app = await CliHost.StartAsync(new[] { $"--Storage:DataDirectory={dir}", "--Backtests:MaxBars=1000000000" }, migrate: true);
            var calendar = new NyseCalendar();
            var sessions = calendar.SessionsBetween(new DateOnly(2000, 1, 3), new DateOnly(2025, 12, 31)).TakeLast(sessionCount).Select(s => s.Date).ToList();
            var symbols = new[] { "SPY", "AAPL", "MSFT", "NVDA", "TSLA", "AMZN", "GOOG", "META", "QQQ", "IWM" }[..symbolCount];

            var store = app.Services.GetRequiredService<IBarStore>();
            var model = new SimulatedPriceModel(calendar, 1);
            var sw = Stopwatch.StartNew();
            long bars = 0;
            foreach (var symbol in symbols) bars += await store.UpsertAsync(sessions.SelectMany(d => model.MinuteBars(symbol, d)));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{bars:N0} 1m bars ({symbolCount} symbols x {sessionCount} sessions) imported in {sw.Elapsed.TotalSeconds:F1} s " +
                $"({bars / sw.Elapsed.TotalSeconds:N0} bars/s); database {new FileInfo(Path.Combine(dir, "tradingblazor.db")).Length / 1e6:N0} MB"));

            var service = app.Services.GetRequiredService<BacktestService>();
            var bot = BacktestBench.RsiMacdBot(symbols);
            var request = new BacktestRequest { Config = bot.Config, From = sessions[0], To = sessions[^1], Source = BacktestSource.Store };
            stdout.WriteLine("| mode | bars | seconds | bars/s | peak held after GC B/bar | peak managed growth B/bar | peak RSS growth B/bar | stored equity points | trades | signals |");
            stdout.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var mode in modes)
            {
                var m = await MeasureAsync(mode == "streamed"
                    ? () => RunStreamedAsync(service, request)
                    : () => RunHeldAsync(service, request, bot));
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {mode} | {m.Bars:N0} | {m.Seconds:F1} | {m.Bars / m.Seconds:N0} | {(double)m.HeldGrowth / m.Bars:F1} | {(double)m.ManagedGrowth / m.Bars:F1} | {(double)m.RssGrowth / m.Bars:F1} | {m.EquityPoints:N0} | {m.Trades:N0} | {m.Signals:N0} |"));
            }
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    private sealed record Outcome(int Bars, int EquityPoints, int Trades, int Signals);

    private sealed record Measured(int Bars, double Seconds, long HeldGrowth, long ManagedGrowth, long RssGrowth, int EquityPoints, int Trades, int Signals);

    /// <summary>One run through the service, as the app runs it; its stored summary says how many bars it replayed.</summary>
    private static async Task<Outcome> RunStreamedAsync(BacktestService service, BacktestRequest request)
    {
        var done = new TaskCompletionSource<BacktestProgress>(TaskCreationOptions.RunContinuationsAsynchronously);
        long id = 0;
        void OnChanged(BacktestProgress p) { if (p.Id == Volatile.Read(ref id) && !p.Status.IsActive()) done.TrySetResult(p); }
        service.Changed += OnChanged;
        try
        {
            var (started, errors) = await service.StartAsync(request);
            if (started is null) throw new InvalidOperationException(string.Join("; ", errors.Select(e => $"{e.Field} {e.Message}")));
            Volatile.Write(ref id, started.Value);
            if (await service.GetAsync(started.Value) is { Status: var status } && !status.IsActive()) done.TrySetResult(new BacktestProgress(id, status, 1, null));
            var end = await done.Task;
            if (end.Status != BacktestStatus.Completed) throw new InvalidOperationException($"the run ended {end.Status.Code()}: {end.Error}");
            var run = (await service.GetAsync(started.Value))!;
            using var summary = System.Text.Json.JsonDocument.Parse(run.SummaryJson!);
            using var equity = System.Text.Json.JsonDocument.Parse(run.EquityJson!);
            using var trades = System.Text.Json.JsonDocument.Parse(run.TradesJson!);
            return new Outcome(summary.RootElement.GetProperty("bars").GetInt32(), equity.RootElement.GetArrayLength(), trades.RootElement.GetArrayLength(),
                summary.RootElement.GetProperty("signals").GetInt32());
        }
        finally
        {
            service.Changed -= OnChanged;
        }
    }

    /// <summary>The same bars loaded whole, then run: what every backtest did before it streamed.</summary>
    private static async Task<Outcome> RunHeldAsync(BacktestService service, BacktestRequest request, Domain.Strategies.Config.CompiledBot bot)
    {
        var data = await service.LoadBarsAsync(request.EffectiveSymbols, bot.Timeframe, request.From, request.To, request.Source, default);
        var result = await Task.Run(() => new Backtester(bot, request.ToOptions()).Run(data));
        return new Outcome(result.Bars, StoredEquity.From(result.Equity).Count, result.Trades.Count, result.Signals.Count);
    }

    /// <summary>Peak growth over a collected baseline: managed heap sampled every few milliseconds, and the kernel's peak RSS.</summary>
    private static async Task<Measured> MeasureAsync(Func<Task<Outcome>> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long managedBefore = GC.GetTotalMemory(true);
        long heldBefore = HeapAfterLastGc(), heldPeak = heldBefore;
        ResetPeakRss();
        long rssBefore = ResidentBytes();
        long managedPeak = managedBefore, rssPeak = rssBefore;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                managedPeak = Math.Max(managedPeak, GC.GetTotalMemory(false));
                heldPeak = Math.Max(heldPeak, HeapAfterLastGc());
                rssPeak = Math.Max(rssPeak, ResidentBytes());
                try { await Task.Delay(2, stop.Token); } catch (OperationCanceledException) { }
            }
        });
        var sw = Stopwatch.StartNew();
        var outcome = await run();
        double seconds = sw.Elapsed.TotalSeconds;
        stop.Cancel();
        await sampler;
        rssPeak = Math.Max(rssPeak, PeakResidentBytes());
        return new Measured(outcome.Bars, seconds, heldPeak - heldBefore, managedPeak - managedBefore, rssPeak - rssBefore, outcome.EquityPoints, outcome.Trades, outcome.Signals);
    }

    /// <summary>The heap's size right after the latest collection, over all generations.</summary>
    private static long HeapAfterLastGc()
    {
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        long bytes = 0;
        foreach (var generation in info.GenerationInfo) bytes += generation.SizeAfterBytes;
        return bytes;
    }

    // Linux: /proc/self/statm's second field is resident pages; VmHWM is the peak, which writing 5 to clear_refs resets.
    private static long ResidentBytes()
    {
        try { return long.Parse(File.ReadAllText("/proc/self/statm").Split(' ')[1], CultureInfo.InvariantCulture) * Environment.SystemPageSize; }
        catch (IOException) { return Environment.WorkingSet; }
    }

    private static long PeakResidentBytes()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException) { return 0; }
    }

    private static void ResetPeakRss()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
    }
}
