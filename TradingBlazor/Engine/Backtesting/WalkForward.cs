using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Strategies.Config;

namespace TradingBlazor.Engine.Backtesting;

/// <summary>One walk-forward step: the in-sample winner and how it did out of sample.</summary>
public sealed record WalkForwardWindow(DateTime InSampleFromUtc, DateTime OutOfSampleFromUtc, DateTime OutOfSampleToUtc,
    IReadOnlyDictionary<string, double> ChosenParameters, double InSampleScore, BacktestMetrics OutOfSample, int Trades);

public sealed record WalkForwardResult(IReadOnlyList<WalkForwardWindow> Windows, IReadOnlyList<EquityPoint> StitchedEquity, decimal InitialCapital)
{
    public decimal FinalEquity => StitchedEquity.Count > 0 ? StitchedEquity[^1].Equity : InitialCapital;
}

/// <summary>
/// Rolling walk-forward: optimise on <c>inSampleBars</c>, test the winner on the next <c>outOfSampleBars</c> (bars
/// before the test window only warm up indicators), roll forward by the test length. The out-of-sample equity curves
/// are stitched into one by compounding each window's return onto the last.
/// </summary>
public static class WalkForward
{
    public static WalkForwardResult Run(string template, IReadOnlyDictionary<string, double[]> grid, BarSeries data, string symbol,
        int inSampleBars, int outOfSampleBars, string metric, BacktestOptions options, IProgress<double>? progress = null, CancellationToken ct = default) =>
        Run(template, SweepPlan.Of(grid), data, symbol, inSampleBars, outOfSampleBars, metric, options, progress, ct);

    /// <summary>Each window chooses among the plan's combinations (those its constraint allows).</summary>
    public static WalkForwardResult Run(string template, SweepPlan grid, BarSeries data, string symbol,
        int inSampleBars, int outOfSampleBars, string metric, BacktestOptions options, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        if (!ParameterSweep.Metrics.TryGetValue(metric, out var score)) throw new ArgumentException($"Unknown metric '{metric}'.", nameof(metric));
        if (inSampleBars < 2 || outOfSampleBars < 1) throw new ArgumentException("Window lengths must be positive.");
        decimal capital = options.Capital ?? BotConfig.Parse(ParameterSweep.Substitute(template, grid.Points[0])).Capital;
        var windows = new List<WalkForwardWindow>();
        var stitched = new List<EquityPoint>();
        decimal level = capital;
        int steps = Math.Max((data.Count - inSampleBars) / outOfSampleBars, 0);
        for (int w = 0; w < steps; w++)
        {
            ct.ThrowIfCancellationRequested();
            int isStart = w * outOfSampleBars, oosStart = isStart + inSampleBars, oosEnd = Math.Min(oosStart + outOfSampleBars, data.Count);
            var inSample = data.Slice(isStart, oosStart);
            var sweep = ParameterSweep.Run(template, grid, new Dictionary<string, BarSeries> { [symbol] = inSample }, options with { Capital = capital }, ct: ct);
            var best = sweep.Where(p => p.Metrics is not null).OrderByDescending(p => score(p.Metrics!)).FirstOrDefault();
            if (best is null) throw new InvalidOperationException("No parameter combination produced a valid config.");

            var bot = BotConfigValidator.CompileOrThrow(BotConfig.Parse(ParameterSweep.Substitute(template, best.Parameters)));
            var test = new Backtester(bot, options with { Capital = capital, TradeFromUtc = data.Bars[oosStart].StartUtc })
                .Run(new Dictionary<string, BarSeries> { [symbol] = data.Slice(isStart, oosEnd) });
            var oos = test.Equity.Where(p => p.TimeUtc >= data.Bars[oosStart].StartUtc).ToList();
            // Compound this window's curve onto the stitched one.
            foreach (var p in oos) stitched.Add(new EquityPoint(p.TimeUtc, level * p.Equity / capital));
            if (oos.Count > 0) level = stitched[^1].Equity;
            var oosMetrics = BacktestMetrics.Compute(capital, oos, test.Trades.Where(t => t.EntryTimeUtc >= data.Bars[oosStart].StartUtc).ToList(), test.Fills, 0, bot.Timeframe, 0);
            windows.Add(new WalkForwardWindow(data.Bars[isStart].StartUtc, data.Bars[oosStart].StartUtc, data.Bars[oosEnd - 1].StartUtc,
                best.Parameters, score(best.Metrics!), oosMetrics, test.Trades.Count));
            progress?.Report((double)(w + 1) / steps);
        }
        return new WalkForwardResult(windows, stitched, capital);
    }
}
