using System.Text.Json;
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

/// <summary>A run opened in the Lab: its row, trades and what the charts draw (null while it has no equity).</summary>
public sealed record RunDetail(RunRow Run, IReadOnlyList<StoredTrade> Trades, BacktestChart? Chart);

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

    /// <summary>Runs [skip, skip + take) newest first, without their equity or trades (those load when a run is opened).</summary>
    Task<RunPage> ListRunsAsync(int skip, int take, CancellationToken ct = default);

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

    public async Task<RunPage> ListRunsAsync(int skip, int take, CancellationToken ct = default)
    {
        var (runs, total) = await service.PageAsync(skip, take, ct);
        return new RunPage(runs.Select(ToRow).ToList(), total);
    }

    public async Task<RunDetail?> OpenRunAsync(long id, CancellationToken ct = default)
    {
        var run = await service.GetAsync(id, ct);
        return run is null ? null : new RunDetail(ToRow(run), BacktestChartBuilder.Trades(run), await charts.BuildAsync(run, ct));
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
