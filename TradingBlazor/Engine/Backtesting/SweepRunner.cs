using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Strategies.Config;

namespace TradingBlazor.Engine.Backtesting;

/// <summary>
/// A sweep or walk-forward as the Lab and the API ask for it: the template, one range text per parameter, an optional
/// constraint over the parameters ("fast &lt; slow"), the symbol and dates of the simulated data, and the ranking metric.
/// </summary>
public sealed record SweepRequest(string Template, IReadOnlyList<string> Ranges, string Symbol, DateOnly From, DateOnly To, string Metric,
    int InSampleBars = 250, int OutOfSampleBars = 60, string? Constraint = null)
{
    private static readonly DateOnly SimulatedStart = new(2000, 1, 3), LatestTo = new(2099, 12, 31);

    /// <summary>The combinations to run; bad input throws <see cref="SweepInputException"/> naming the field.</summary>
    public SweepPlan Plan()
    {
        if (Metric is null || !ParameterSweep.Metrics.ContainsKey(Metric))
            throw new SweepInputException("metric", $"'{Metric}' is not one of {string.Join(", ", ParameterSweep.Metrics.Keys)}.");
        if (string.IsNullOrWhiteSpace(Symbol)) throw new SweepInputException("symbol", "is required.");
        if (From < SimulatedStart) throw new SweepInputException("from", "the simulated market starts on 2000-01-03.");
        if (To < From) throw new SweepInputException("to", "must not be before 'from'.");
        if (To > LatestTo) throw new SweepInputException("to", "must be a date before 2100.");
        return SweepPlan.Create(Ranges ?? Array.Empty<string>(), Template ?? "", Constraint);
    }
}

/// <summary>Runs sweeps and walk-forwards over the simulated market's bars, in parallel on all cores.</summary>
public sealed class SweepRunner(BacktestService service)
{
    /// <summary>Bad ranges or constraints throw <see cref="SweepInputException"/>, a template that does not compile <see cref="BotConfigException"/>.</summary>
    public async Task<(SweepPlan Plan, IReadOnlyList<SweepPoint> Points)> SweepAsync(SweepRequest request, IProgress<double>? progress, CancellationToken ct)
    {
        var (plan, data) = await PrepareAsync(request, ct);
        var points = await Task.Run(() => ParameterSweep.Run(request.Template, plan, data, new BacktestOptions(), progress: progress, ct: ct), ct);
        return (plan, points);
    }

    public async Task<WalkForwardResult> WalkForwardAsync(SweepRequest request, IProgress<double>? progress, CancellationToken ct)
    {
        var (plan, data) = await PrepareAsync(request, ct);
        var symbol = data.Keys.Single();
        return await Task.Run(() => WalkForward.Run(request.Template, plan, data[symbol], symbol, request.InSampleBars, request.OutOfSampleBars,
            request.Metric, new BacktestOptions(), progress, ct), ct);
    }

    /// <summary>Plans the combinations, checks the first compiles, and loads the simulated bars it runs on.</summary>
    private async Task<(SweepPlan Plan, IReadOnlyDictionary<string, BarSeries> Data)> PrepareAsync(SweepRequest request, CancellationToken ct)
    {
        var plan = request.Plan();
        var symbol = request.Symbol.Trim().ToUpperInvariant();
        var first = BotConfig.Parse(ParameterSweep.Substitute(request.Template, plan.Points[0])) with { Symbols = new() { symbol } };
        var bot = BotConfigValidator.CompileOrThrow(first);
        var bars = await service.LoadBarsAsync(new[] { symbol }, bot.Timeframe, request.From, request.To, BacktestSource.Simulated, ct);
        return (plan, BarSeries.From(bars));
    }
}
