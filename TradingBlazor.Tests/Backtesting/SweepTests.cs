using TradingBlazor.Domain.MarketData;
using TradingBlazor.Engine.Backtesting;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Backtesting;

public class SweepTests
{
    private static string Template => File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "samples", "strategies", "sma_cross_template.json"));
    private static Dictionary<string, BarSeries> Data => new() { ["SPX"] = new BarSeries(ReferenceBacktestTests.SpxBars()["SPX"]) };

    [Fact]
    public void A_sweep_covers_the_grid_reports_invalid_points_and_reproduces_the_reference_point()
    {
        var grid = new Dictionary<string, double[]> { ["fast"] = new[] { 10.0, 30.0 }, ["slow"] = new[] { 30.0, 50.0 } };
        var options = new BacktestOptions { Capital = 10_000m, FractionalShares = true };
        var points = ParameterSweep.Run(Template, grid, Data, options);
        Assert.Equal(4, points.Count);
        var reference = points.Single(p => p.Parameters["fast"] == 10 && p.Parameters["slow"] == 30);
        Assert.Equal(16402.862044741516, (double)reference.FinalEquity, 1e-6 * 16402);
        // sma_30 crossing sma_30 can never fire: a valid but idle config, not an error.
        Assert.Equal(0, points.Single(p => p.Parameters["fast"] == 30 && p.Parameters["slow"] == 30).Metrics!.ClosedTrades);

        var sequential = ParameterSweep.Run(Template, grid, Data, options, maxParallelism: 1);
        Assert.Equal(points.Select(p => p.FinalEquity), sequential.Select(p => p.FinalEquity)); // parallel == sequential
    }

    [Fact]
    public void A_grid_is_parsed_once_for_the_lab_and_the_cli_with_the_same_rules()
    {
        var grid = ParameterSweep.ParseGrid(new[] { "fast=5:15:5", " ", "slow=20,40" }, Template);
        Assert.Equal(new[] { 5.0, 10, 15 }, grid["fast"]);
        Assert.Equal(new[] { 20.0, 40 }, grid["slow"]);

        var none = Assert.Throws<SweepInputException>(() => ParameterSweep.ParseGrid(new[] { "" }, Template));
        Assert.Equal("ranges", none.Field);
        Assert.Contains("at least one parameter range", none.Message);
        var missing = Assert.Throws<SweepInputException>(() => ParameterSweep.ParseGrid(new[] { "fast=5", "period=5:10:5" }, Template));
        Assert.Equal(("ranges[1]", "the template has no placeholder ${period}"), (missing.Field, missing.Message));
        var bad = Assert.Throws<SweepInputException>(() => ParameterSweep.ParseGrid(new[] { "fast=5", "slow=a" }, Template));
        Assert.Equal(("ranges[1]", "'a' in 'slow=a' is not a number"), (bad.Field, bad.Message));
        Assert.Equal("At most 2,000 combinations per sweep.",
            Assert.Throws<SweepInputException>(() => ParameterSweep.ParseGrid(new[] { "fast=1:100:1", "slow=1:21:1" }, Template)).Message);
    }

    [Fact]
    public void A_constraint_skips_and_counts_the_combinations_it_rules_out()
    {
        var plan = SweepPlan.Create(new[] { "fast=5:30:5", "slow=20:100:20" }, Template, " fast < slow ");

        Assert.Equal((30, 27, 3), (plan.Combinations, plan.Points.Count, plan.Skipped));
        Assert.All(plan.Points, p => Assert.True(p["fast"] < p["slow"]));
        Assert.Equal("fast < slow", plan.Constraint);
        Assert.Equal(30, SweepPlan.Create(new[] { "fast=5:30:5", "slow=20:100:20" }, Template, "  ").Points.Count);
        Assert.Equal(6, SweepPlan.Create(new[] { "fast=5:30:5", "slow=20:100:20" }, Template, "slow - fast >= 70 and fast != 10").Points.Count);

        var unknown = Assert.Throws<SweepInputException>(() => SweepPlan.Create(new[] { "fast=5", "slow=20" }, Template, "fast < period"));
        Assert.Equal("constraint", unknown.Field);
        Assert.Contains("unknown variable 'period'", unknown.Message);
        Assert.Contains("known: fast, slow", unknown.Message);
        Assert.Equal("rules out all 1 combinations of the grid.",
            Assert.Throws<SweepInputException>(() => SweepPlan.Create(new[] { "fast=30", "slow=20" }, Template, "fast < slow")).Message);
        Assert.Equal("constraint", Assert.Throws<SweepInputException>(() => SweepPlan.Create(new[] { "fast=5" }, Template, "fast <")).Field);
    }

    [Fact]
    public void A_sweep_runs_only_the_plans_combinations()
    {
        var data = Data;
        var plan = SweepPlan.Create(new[] { "fast=10,30", "slow=20,40" }, Template, "fast < slow");

        var points = ParameterSweep.Run(Template, plan, data, new BacktestOptions(), maxParallelism: 2);

        Assert.Equal(new[] { (10.0, 20.0), (10.0, 40.0), (30.0, 40.0) }, points.Select(p => (p.Parameters["fast"], p.Parameters["slow"])).Order());
        Assert.All(points, p => Assert.NotNull(p.Metrics));
    }

    [Fact]
    public void Invalid_combinations_are_reported_not_fatal()
    {
        var grid = new Dictionary<string, double[]> { ["fast"] = new[] { 0.0, 10.0 }, ["slow"] = new[] { 30.0 } };
        var points = ParameterSweep.Run(Template, grid, Data, new BacktestOptions());
        Assert.Contains("period must be between", points.Single(p => p.Parameters["fast"] == 0).Error);
        Assert.NotNull(points.Single(p => p.Parameters["fast"] == 10).Metrics);
    }

    [Fact]
    public void A_sweep_can_be_cancelled_and_reports_progress()
    {
        var grid = new Dictionary<string, double[]> { ["fast"] = Enumerable.Range(2, 40).Select(i => (double)i).ToArray(), ["slow"] = new[] { 100.0, 150.0 } };
        using var cts = new CancellationTokenSource();
        var reports = new List<double>();
        var progress = new SyncProgress(v => { lock (reports) reports.Add(v); if (v > 0.1) cts.Cancel(); });
        Assert.ThrowsAny<OperationCanceledException>(() => ParameterSweep.Run(Template, grid, Data, new BacktestOptions(), progress: progress, ct: cts.Token));
        Assert.NotEmpty(reports);
        Assert.True(reports.Max() < 1.0);
    }

    [Theory]
    [InlineData("fast=5:20:5", new[] { 5.0, 10, 15, 20 })]
    [InlineData("slow=20,30,50", new[] { 20.0, 30, 50 })]
    [InlineData("stop=0.01:0.03:0.01", new[] { 0.01, 0.02, 0.03 })]
    public void Ranges_parse(string text, double[] values) => Assert.Equal(values, ParameterSweep.ParseRange(text).Values);

    [Fact]
    public void Walk_forward_stitches_out_of_sample_windows()
    {
        var grid = new Dictionary<string, double[]> { ["fast"] = new[] { 5.0, 10 }, ["slow"] = new[] { 30.0, 50 } };
        var result = WalkForward.Run(Template, grid, Data["SPX"], "SPX", 1000, 1000, "sharpe", new BacktestOptions { Capital = 10_000m });
        Assert.Equal(4, result.Windows.Count);
        Assert.Equal(4000, result.StitchedEquity.Count);
        Assert.All(result.Windows, w => Assert.True(w.OutOfSampleFromUtc > w.InSampleFromUtc));
        Assert.True(result.StitchedEquity.Zip(result.StitchedEquity.Skip(1)).All(p => p.First.TimeUtc < p.Second.TimeUtc));
        // The first window starts from the initial capital; each later one compounds on the previous end.
        Assert.InRange(result.StitchedEquity[0].Equity, 9_000m, 11_000m);
    }

    private sealed class SyncProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
