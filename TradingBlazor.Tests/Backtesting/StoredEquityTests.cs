using TradingBlazor.Engine.Backtesting;

namespace TradingBlazor.Tests.Backtesting;

public class StoredEquityTests
{
    private static List<EquityPoint> RandomWalk(int count, int seed)
    {
        var random = new Random(seed);
        decimal equity = 10_000m;
        var start = new DateTime(2025, 1, 2, 14, 30, 0, DateTimeKind.Utc);
        return Enumerable.Range(0, count).Select(i => new EquityPoint(start.AddMinutes(i), equity += Math.Round((decimal)(random.NextDouble() - 0.5) * 20, 2))).ToList();
    }

    [Fact]
    public void A_curve_within_the_limit_is_stored_whole()
    {
        var curve = RandomWalk(StoredEquity.MaxPoints, 1);

        Assert.Same(curve, StoredEquity.From(curve));
    }

    [Fact]
    public void A_longer_curve_keeps_its_ends_its_extremes_and_each_stretchs_low_and_high_in_time_order()
    {
        var curve = RandomWalk(500_000, 2);

        var stored = StoredEquity.From(curve, 1_000);

        Assert.InRange(stored.Count, 500, 1_000);
        Assert.Equal(curve[0], stored[0]);
        Assert.Equal(curve[^1], stored[^1]);
        Assert.Contains(curve.MinBy(p => p.Equity), stored);
        Assert.Contains(curve.MaxBy(p => p.Equity), stored);
        Assert.All(stored.Zip(stored.Skip(1)), pair => Assert.True(pair.First.TimeUtc < pair.Second.TimeUtc));
        Assert.All(stored, p => Assert.Contains(p, curve));
        // A drawdown longer than a stretch (as this one is) keeps its peak and its trough.
        Assert.Equal(MaxDrawdown(curve), MaxDrawdown(stored));
    }

    private static decimal MaxDrawdown(IEnumerable<EquityPoint> points)
    {
        decimal peak = decimal.MinValue, worst = 0;
        foreach (var p in points) { peak = Math.Max(peak, p.Equity); worst = Math.Max(worst, peak - p.Equity); }
        return worst;
    }
}
