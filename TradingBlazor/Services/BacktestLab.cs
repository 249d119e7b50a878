using System.Text.Json;
using TradingBlazor.Data.Entities;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Engine.Backtesting;

namespace TradingBlazor.Services;

/// <summary>A stored run as the Lab lists it; <see cref="Summary"/> holds the metrics by their snake_case names.</summary>
public sealed record RunRow(long Id, string Name, string Symbols, string Timeframe, DateOnly From, DateOnly To, string Source,
    BacktestStatus Status, string? Error, decimal? FinalEquity, JsonElement? Summary);

/// <summary>
/// A run opened in the Lab: its row, trades, what the charts draw (null while it has no equity), its activity (null for
/// runs stored before activity was) and, for a run without a single entry signal, how often its entry conditions held.
/// </summary>
public sealed record RunDetail(RunRow Run, IReadOnlyList<StoredTrade> Trades, BacktestChart? Chart, BacktestActivity? Activity = null, EntryProbe? Probe = null);

/// <summary>A sweep or walk-forward as the Lab's panel asks for it: the template, one range text per parameter and the data.</summary>
public sealed record SweepRequest(string Template, IReadOnlyList<string> Ranges, string Symbol, DateOnly From, DateOnly To, string Metric,
    int InSampleBars = 250, int OutOfSampleBars = 60);

/// <summary>The Backtest Lab: samples, runs (start, cancel, list, open) and parameter sweeps.</summary>
public interface IBacktestLab
{
    /// <summary>Sample configs shipped with the app, by name.</summary>
    IReadOnlyDictionary<string, string> Samples { get; }

    /// <summary>The sweep template shipped with the app.</summary>
    string SweepTemplate { get; }

    /// <summary>Raised when a run's progress or status changes.</summary>
    event Action<BacktestProgress>? Changed;

    Task<(long? Id, IReadOnlyList<ConfigError> Errors)> StartAsync(BacktestRequest request, CancellationToken ct = default);

    void Cancel(long id);

    Task<IReadOnlyList<RunRow>> ListRunsAsync(CancellationToken ct = default);

    Task<RunDetail?> OpenRunAsync(long id, CancellationToken ct = default);

    /// <summary>Runs the grid in parallel; bad ranges or configs throw <see cref="FormatException"/> or <see cref="BotConfigException"/>.</summary>
    Task<IReadOnlyList<SweepPoint>> SweepAsync(SweepRequest request, IProgress<double> progress, CancellationToken ct);

    Task<WalkForwardResult> WalkForwardAsync(SweepRequest request, IProgress<double> progress, CancellationToken ct);
}

public sealed class BacktestLab(BacktestService service, BacktestChartBuilder charts) : IBacktestLab
{
    public IReadOnlyDictionary<string, string> Samples => SampleStrategies.All;

    public string SweepTemplate { get; } = SampleStrategies.ReadSweepTemplate();

    public event Action<BacktestProgress>? Changed
    {
        add => service.Changed += value;
        remove => service.Changed -= value;
    }

    public Task<(long? Id, IReadOnlyList<ConfigError> Errors)> StartAsync(BacktestRequest request, CancellationToken ct = default) => service.StartAsync(request, ct);

    public void Cancel(long id) => service.Cancel(id);

    public async Task<IReadOnlyList<RunRow>> ListRunsAsync(CancellationToken ct = default) => (await service.ListAsync(ct: ct)).Select(ToRow).ToList();

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

    public async Task<IReadOnlyList<SweepPoint>> SweepAsync(SweepRequest request, IProgress<double> progress, CancellationToken ct)
    {
        var (grid, data) = await PrepareAsync(request, ct);
        return await Task.Run(() => ParameterSweep.Run(request.Template, grid, data, new BacktestOptions(), progress: progress, ct: ct), ct);
    }

    public async Task<WalkForwardResult> WalkForwardAsync(SweepRequest request, IProgress<double> progress, CancellationToken ct)
    {
        var (grid, data) = await PrepareAsync(request, ct);
        var symbol = data.Keys.Single();
        return await Task.Run(() => WalkForward.Run(request.Template, grid, data[symbol], symbol, request.InSampleBars, request.OutOfSampleBars,
            request.Metric, new BacktestOptions(), progress, ct), ct);
    }

    /// <summary>Parses the grid, checks the first combination compiles, and loads the simulated bars it runs on.</summary>
    private async Task<(Dictionary<string, double[]> Grid, IReadOnlyDictionary<string, BarSeries> Data)> PrepareAsync(SweepRequest request, CancellationToken ct)
    {
        var grid = ParameterSweep.ParseGrid(request.Ranges, request.Template);
        var symbol = request.Symbol.Trim().ToUpperInvariant();
        var first = BotConfig.Parse(ParameterSweep.Substitute(request.Template, ParameterSweep.Grid(grid).First())) with { Symbols = new() { symbol } };
        var bot = BotConfigValidator.CompileOrThrow(first);
        var bars = await service.LoadBarsAsync(new[] { symbol }, bot.Timeframe, request.From, request.To, BacktestSource.Simulated, ct);
        return (grid, BarSeries.From(bars));
    }

    private static RunRow ToRow(BacktestRunRecord r) => new(
        r.Id, r.Name, r.Symbols, r.Timeframe, DateOnly.FromDateTime(Domain.Time.MarketTime.ToEastern(r.FromUtc)),
        DateOnly.FromDateTime(Domain.Time.MarketTime.ToEastern(r.ToUtc)).AddDays(-1), r.Source, r.Status, r.Error, r.FinalEquity,
        r.SummaryJson is null ? null : JsonSerializer.Deserialize<JsonElement>(r.SummaryJson));
}
