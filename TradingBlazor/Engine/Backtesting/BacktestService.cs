using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingBlazor.Adapters.Simulated;
using TradingBlazor.Data;
using TradingBlazor.Data.Entities;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Time;
using TradingBlazor.Infrastructure.Configuration;

namespace TradingBlazor.Engine.Backtesting;

/// <summary>Live state of a run: progress 0..1 and the status.</summary>
public sealed record BacktestProgress(long Id, BacktestStatus Status, double Progress, string? Error);

/// <summary>
/// Runs backtests in the background: validates the request, stores the run (with the exact request), loads bars from the
/// simulated market or the store, runs with progress and cancellation, and stores the summary, equity and trades.
/// Runs wait in a queue for one of a few slots, and a run larger than the configured bar budget is refused up front:
/// a handful of requests must not exhaust the machine's memory.
/// </summary>
public sealed class BacktestService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IDbContextFactory<TradingDbContext> _contexts;
    private readonly SimulatedMarket _simulated;
    private readonly IBarStore _store;
    private readonly TimeProvider _clock;
    private readonly ILogger<BacktestService> _log;
    private readonly ConcurrentDictionary<long, (CancellationTokenSource Cts, double Progress, BacktestStatus Status)> _live = new();
    private readonly SemaphoreSlim _slots;
    private readonly long _maxBars;

    public BacktestService(IDbContextFactory<TradingDbContext> contexts, SimulatedMarket simulated, IBarStore store, TimeProvider clock,
        IOptions<BacktestSettings> settings, ILogger<BacktestService> log)
    {
        _contexts = contexts;
        _simulated = simulated;
        _store = store;
        _clock = clock;
        _log = log;
        _slots = new SemaphoreSlim(settings.Value.EffectiveConcurrency);
        _maxBars = settings.Value.MaxBars;
    }

    /// <summary>Raised when a run's progress or status changes (UI components subscribe).</summary>
    public event Action<BacktestProgress>? Changed;

    /// <summary>Validates and starts a run; returns its id, or the field errors.</summary>
    public async Task<(long? Id, IReadOnlyList<ConfigError> Errors)> StartAsync(BacktestRequest request, CancellationToken ct = default)
    {
        var errors = request.Validate(MarketTime.EasternDate(_clock.UtcNow()));
        if (errors.Count > 0) return (null, errors);
        CompiledBot bot;
        try
        {
            bot = BotConfigValidator.CompileOrThrow(request.Config with { Symbols = request.EffectiveSymbols.ToList() });
        }
        catch (BotConfigException ex)
        {
            // A bad symbols override is the request's field; anything else is the config's.
            var field = ex.Field;
            var name = request.Symbols is not null && field.StartsWith("symbols", StringComparison.Ordinal) ? field : "config." + field;
            return (null, new[] { new ConfigError(name, ex.Problem) });
        }
        if (request.EstimatedBars(bot.Timeframe) is var bars && bars > _maxBars)
            return (null, new[] { new ConfigError("to", $"The run would replay about {bars:N0} bars; the limit is {_maxBars:N0} (Backtests:MaxBars). " +
                "Shorten the range, use fewer symbols or a longer timeframe.") });

        await using var db = await _contexts.CreateDbContextAsync(ct);
        var run = new BacktestRunRecord
        {
            Name = request.Config.Name,
            RequestJson = JsonSerializer.Serialize(request, BacktestRequest.Json),
            Symbols = string.Join(",", request.EffectiveSymbols),
            Timeframe = bot.Timeframe.Code,
            FromUtc = MarketTime.ToUtc(request.From, TimeOnly.MinValue),
            ToUtc = MarketTime.ToUtc(request.To.AddDays(1), TimeOnly.MinValue),
            Source = request.Source.ToString().ToLowerInvariant(),
            Status = BacktestStatus.Queued,
            CreatedAt = _clock.UtcNow(),
        };
        db.BacktestRuns.Add(run);
        await db.SaveChangesAsync(ct);

        var cts = new CancellationTokenSource();
        _live[run.Id] = (cts, 0, BacktestStatus.Queued);
        _ = Task.Run(() => ExecuteAsync(run.Id, bot, request, cts.Token));
        return (run.Id, Array.Empty<ConfigError>());
    }

    public bool Cancel(long id)
    {
        if (!_live.TryGetValue(id, out var state)) return false;
        state.Cts.Cancel();
        return true;
    }

    public BacktestProgress? LiveProgress(long id) => _live.TryGetValue(id, out var s) ? new BacktestProgress(id, s.Status, s.Progress, null) : null;

    public async Task<BacktestRunRecord?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(ct);
        return await db.BacktestRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
    }

    /// <summary>Recent runs without their large documents.</summary>
    public async Task<List<BacktestRunRecord>> ListAsync(int limit = 100, CancellationToken ct = default) => (await PageAsync(0, limit, ct)).Runs;

    /// <summary>
    /// One page of the runs, newest first, with how many there are: only the listed columns and the small summary are
    /// read; the equity and trades documents stay in the store until a run is opened.
    /// </summary>
    public async Task<(List<BacktestRunRecord> Runs, int Total)> PageAsync(int skip, int take, CancellationToken ct = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(ct);
        int total = await db.BacktestRuns.CountAsync(ct);
        var runs = await db.BacktestRuns.AsNoTracking().OrderByDescending(r => r.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 0, 500))
            .Select(r => new BacktestRunRecord
            {
                Id = r.Id, Name = r.Name, RequestJson = "", Symbols = r.Symbols, Timeframe = r.Timeframe, FromUtc = r.FromUtc, ToUtc = r.ToUtc,
                Source = r.Source, Status = r.Status, Error = r.Error, CreatedAt = r.CreatedAt, FinishedAt = r.FinishedAt, FinalEquity = r.FinalEquity, SummaryJson = r.SummaryJson,
            }).ToListAsync(ct);
        return (runs, total);
    }

    /// <summary>
    /// A run's bars read a chunk at a time (sessions whose New York date is in [from, to]): what a backtest streams. The
    /// first read of a symbol without bars in the range throws, naming it.
    /// </summary>
    public IReadOnlyList<IBarCursor> OpenCursors(IEnumerable<string> symbols, Timeframe timeframe, DateOnly from, DateOnly to, BacktestSource source)
    {
        IHistoricalBars history = source == BacktestSource.Simulated ? _simulated : _store;
        var name = source.ToString().ToLowerInvariant();
        return symbols.Select(symbol => (IBarCursor)new HistoryCursor(history, name, symbol, timeframe, from, to)).ToList();
    }

    /// <summary>All the bars of a run in memory, for sweeps and walk-forward, which replay them many times.</summary>
    public async Task<Dictionary<string, IReadOnlyList<Bar>>> LoadBarsAsync(IEnumerable<string> symbols, Timeframe timeframe, DateOnly from, DateOnly to, BacktestSource source, CancellationToken ct)
    {
        var data = new Dictionary<string, IReadOnlyList<Bar>>();
        foreach (var cursor in OpenCursors(symbols, timeframe, from, to, source))
        {
            var bars = new List<Bar>();
            while (await cursor.NextAsync(ct) is { } chunk) bars.AddRange(chunk.Bars);
            data[cursor.Symbol] = bars;
        }
        return data;
    }

    private async Task ExecuteAsync(long id, CompiledBot bot, BacktestRequest request, CancellationToken ct)
    {
        var status = BacktestStatus.Completed;
        string? error = null;
        BacktestResult? result = null;
        bool slot = false;
        try
        {
            await _slots.WaitAsync(ct);
            slot = true;
            await MarkRunningAsync(id, ct);
            var cursors = OpenCursors(request.EffectiveSymbols, bot.Timeframe, request.From, request.To, request.Source);
            var progress = new Progress(this, id);
            // The estimate counts weekdays, an upper bound on a symbol's instants: the equity curve is allocated once.
            int points = (int)Math.Min(request.EstimatedBars(bot.Timeframe) / Math.Max(1, request.EffectiveSymbols.Count), _maxBars);
            result = await Task.Run(() => new Backtester(bot, request.ToOptions()).RunAsync(cursors, progress, points, ct).AsTask(), ct);
        }
        catch (OperationCanceledException)
        {
            status = BacktestStatus.Canceled;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or BotConfigException)
        {
            status = BacktestStatus.Failed;
            error = ex.Message;
        }
        catch (Exception ex)
        {
            status = BacktestStatus.Failed;
            error = ex.Message;
            _log.LogError(ex, "Backtest {Id} failed", id);
        }

        try
        {
            await SaveAsync(id, status, error, result);
        }
        catch (Exception ex)
        {
            // The results could not be stored (a value too large for its column, say): the run still ends, as failed.
            _log.LogError(ex, "Backtest {Id}: storing its results failed", id);
            (status, error) = (BacktestStatus.Failed, $"The results could not be stored: {ex.GetBaseException().Message}");
            try { await SaveAsync(id, status, error, null); }
            catch (Exception again) { _log.LogError(again, "Backtest {Id}: recording the failure failed too", id); }
        }
        _live.TryRemove(id, out _);
        _log.LogInformation("Backtest {Id} {Status}{Error}", id, status.Code(), error is null ? "" : ": " + error);
        Changed?.Invoke(new BacktestProgress(id, status, 1, error));
        // Only now: the results were held until stored, and the next run starts after this one has ended for everyone.
        if (slot) _slots.Release();
    }

    private async Task MarkRunningAsync(long id, CancellationToken ct)
    {
        await using (var db = await _contexts.CreateDbContextAsync(ct))
            await db.BacktestRuns.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, BacktestStatus.Running), ct);
        if (_live.TryGetValue(id, out var s)) _live[id] = (s.Cts, 0, BacktestStatus.Running);
        Changed?.Invoke(new BacktestProgress(id, BacktestStatus.Running, 0, null));
    }

    private async Task SaveAsync(long id, BacktestStatus status, string? error, BacktestResult? result)
    {
        await using var db = await _contexts.CreateDbContextAsync(CancellationToken.None);
        var run = await db.BacktestRuns.FirstAsync(r => r.Id == id);
        run.Status = status;
        run.Error = error;
        run.FinishedAt = _clock.UtcNow();
        if (result is not null)
        {
            run.FinalEquity = Math.Round(result.FinalEquity, 8);
            run.SummaryJson = JsonSerializer.Serialize(BacktestReport.Summary(result).ToDictionary(kv => kv.Key, kv => Finite(kv.Value)), Json);
            run.EquityJson = JsonSerializer.Serialize(StoredEquity.From(result.Equity).Select(p => new { t = p.TimeUtc, e = p.Equity }), Json);
            run.TradesJson = JsonSerializer.Serialize(result.Trades.Select(StoredTrade.From), Json);
        }
        await db.SaveChangesAsync(CancellationToken.None);
    }

    // A ratio without a meaning (no trades, no variance) is stored as null: JSON has no NaN or infinity.
    private static object? Finite(object? value) => value is double d && !double.IsFinite(d) ? null : value;

    /// <summary>Runs a previous process left queued or running can never finish: they end as interrupted, saying so.</summary>
    public async Task<int> MarkInterruptedAsync(CancellationToken ct = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(ct);
        var stale = await db.BacktestRuns.Where(r => r.Status == BacktestStatus.Running || r.Status == BacktestStatus.Queued).ToListAsync(ct);
        foreach (var run in stale)
        {
            run.Status = BacktestStatus.Interrupted;
            run.Error = "The app stopped before this run finished; start it again.";
            run.FinishedAt = _clock.UtcNow();
        }
        await db.SaveChangesAsync(ct);
        if (stale.Count > 0) _log.LogWarning("{Count} backtests left running by a previous process marked interrupted", stale.Count);
        return stale.Count;
    }

    private sealed class Progress(BacktestService service, long id) : IProgress<double>
    {
        public void Report(double value)
        {
            if (service._live.TryGetValue(id, out var s)) service._live[id] = (s.Cts, value, s.Status);
            service.Changed?.Invoke(new BacktestProgress(id, BacktestStatus.Running, value, null));
        }
    }
}
