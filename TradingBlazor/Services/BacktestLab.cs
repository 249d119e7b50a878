using System.Text.Json;
using TradingBlazor.Adapters.Simulated;
using TradingBlazor.Data.Entities;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Engine.Backtesting;

namespace TradingBlazor.Services;

/// <summary>A stored run as the Lab lists it; <see cref="Summary"/> holds the metrics by their snake_case names.</summary>
public sealed record RunRow(long Id, string Name, string Symbols, string Timeframe, DateOnly From, DateOnly To, string Source,
    BacktestStatus Status, string? Error, decimal? FinalEquity, JsonElement? Summary)
{
    /// <summary>The same stored run, whichever page load the row came from (a selection survives paging and reloads).</summary>
    public static readonly IEqualityComparer<RunRow> SameId = EqualityComparer<RunRow>.Create((a, b) => a?.Id == b?.Id, r => r.Id.GetHashCode());
}

/// <summary>One page of the stored runs, newest first, and how many there are in all.</summary>
public sealed record RunPage(IReadOnlyList<RunRow> Runs, int Total);

/// <summary>
/// A run opened in the Lab: its row, trades, what the charts draw (null while it has no equity), its activity (null for
/// runs stored before activity was) and, for a run without a single entry signal, how often its entry conditions held.
/// </summary>
public sealed record RunDetail(RunRow Run, IReadOnlyList<StoredTrade> Trades, BacktestChart? Chart, BacktestActivity? Activity = null, EntryProbe? Probe = null);

/// <summary>The Backtest Lab: samples, runs (start, cancel, list, open) and parameter sweeps.</summary>
public interface IBacktestLab
{
    /// <summary>Sample configs shipped with the app, by name.</summary>
    IReadOnlyDictionary<string, string> Samples { get; }

    /// <summary>The sweep template shipped with the app.</summary>
    string SweepTemplate { get; }

    /// <summary>Raised when a run's progress or status changes.</summary>
    event Action<BacktestProgress>? Changed;

    /// <summary>Refuses symbols the source has no bars of (field <c>symbols</c>), then starts the run.</summary>
    Task<(long? Id, IReadOnlyList<ConfigError> Errors)> StartAsync(BacktestRequest request, CancellationToken ct = default);

    /// <summary>The symbols the source has bars of in the timeframe (the simulated market quotes the same ones in all).</summary>
    Task<IReadOnlyList<string>> DataSymbolsAsync(BacktestSource source, Timeframe timeframe, CancellationToken ct = default);

    void Cancel(long id);

    /// <summary>Runs [skip, skip + take) newest first, without their equity or trades (those load when a run is opened).</summary>
    Task<RunPage> ListRunsAsync(int skip, int take, CancellationToken ct = default);

    Task<RunDetail?> OpenRunAsync(long id, CancellationToken ct = default);

    /// <summary>The combinations a sweep would run and skip; bad ranges or a bad constraint throw <see cref="SweepInputException"/> naming the field.</summary>
    SweepPlan PlanSweep(SweepRequest request);

    /// <summary>Runs the plan's combinations in parallel; bad ranges or configs throw <see cref="FormatException"/> or <see cref="BotConfigException"/>.</summary>
    Task<IReadOnlyList<SweepPoint>> SweepAsync(SweepRequest request, IProgress<double> progress, CancellationToken ct);

    Task<WalkForwardResult> WalkForwardAsync(SweepRequest request, IProgress<double> progress, CancellationToken ct);
}

public sealed class BacktestLab(BacktestService service, BacktestChartBuilder charts, SweepRunner sweeps, SimulatedMarket simulated, IBarStore store) : IBacktestLab
{
    public IReadOnlyDictionary<string, string> Samples => SampleStrategies.All;

    public string SweepTemplate { get; } = SampleStrategies.ReadSweepTemplate();

    public event Action<BacktestProgress>? Changed
    {
        add => service.Changed += value;
        remove => service.Changed -= value;
    }

    public async Task<(long? Id, IReadOnlyList<ConfigError> Errors)> StartAsync(BacktestRequest request, CancellationToken ct = default)
    {
        if (Timeframe.Find(request.Config.Timeframe) is { } timeframe
            && BacktestSymbols.Problem(request.EffectiveSymbols, request.Source, timeframe, await DataSymbolsAsync(request.Source, timeframe, ct)) is { } problem)
            return (null, new[] { new ConfigError("symbols", problem) });
        return await service.StartAsync(request, ct);
    }

    public async Task<IReadOnlyList<string>> DataSymbolsAsync(BacktestSource source, Timeframe timeframe, CancellationToken ct = default) =>
        source == BacktestSource.Simulated
            ? simulated.Symbols
            : (await store.ListSeriesAsync(ct)).Where(s => s.Timeframe == timeframe).Select(s => s.Symbol).Distinct().Order().ToList();

    public void Cancel(long id) => service.Cancel(id);

    public async Task<RunPage> ListRunsAsync(int skip, int take, CancellationToken ct = default)
    {
        var (runs, total) = await service.PageAsync(skip, take, ct);
        return new RunPage(runs.Select(ToRow).ToList(), total);
    }

    public async Task<RunDetail?> OpenRunAsync(long id, CancellationToken ct = default)
    {
        var run = await service.GetAsync(id, ct);
        if (run is null) return null;
        var row = ToRow(run);
        var activity = row.Summary is { } summary ? BacktestActivity.FromSummary(summary) : null;
        var probe = activity is { EntrySignals.Generated: 0 } ? await ProbeAsync(run, ct) : null;
        return new RunDetail(row, BacktestChartBuilder.Trades(run), await charts.BuildAsync(run, ct), activity, probe);
    }

    // Replays the entry rule over the run's bars to say which condition never held; null when the bars are gone.
    private async Task<EntryProbe?> ProbeAsync(BacktestRunRecord run, CancellationToken ct)
    {
        try
        {
            var request = JsonSerializer.Deserialize<BacktestRequest>(run.RequestJson, BacktestRequest.Json)!;
            var bot = BotConfigValidator.CompileOrThrow(request.Config with { Symbols = request.EffectiveSymbols.ToList() });
            var bars = await service.LoadBarsAsync(request.EffectiveSymbols, bot.Timeframe, request.From, request.To, request.Source, ct);
            return await Task.Run(() => EntryRuleProbe.Run(bot, bars), ct);
        }
        catch (Exception ex) when (ex is InvalidOperationException or BotConfigException or JsonException)
        {
            return null;
        }
    }

    public SweepPlan PlanSweep(SweepRequest request) => request.Plan();

    public async Task<IReadOnlyList<SweepPoint>> SweepAsync(SweepRequest request, IProgress<double> progress, CancellationToken ct) =>
        (await sweeps.SweepAsync(request, progress, ct)).Points;

    public Task<WalkForwardResult> WalkForwardAsync(SweepRequest request, IProgress<double> progress, CancellationToken ct) =>
        sweeps.WalkForwardAsync(request, progress, ct);

    private static RunRow ToRow(BacktestRunRecord r) => new(
        r.Id, r.Name, r.Symbols, r.Timeframe, DateOnly.FromDateTime(Domain.Time.MarketTime.ToEastern(r.FromUtc)),
        DateOnly.FromDateTime(Domain.Time.MarketTime.ToEastern(r.ToUtc)).AddDays(-1), r.Source, r.Status, r.Error, r.FinalEquity,
        r.SummaryJson is null ? null : JsonSerializer.Deserialize<JsonElement>(r.SummaryJson));
}
