namespace TradingBlazor.Engine.Backtesting;

/// <summary>
/// The equity curve as a run stores it for its chart, the API and the CSV export: every point up to
/// <see cref="MaxPoints"/>. A longer curve (ten symbols of minutes over five years is half a million points, 25 MB of
/// JSON to build, store and send to a browser) keeps the first and last points and, for each stretch of the curve, its
/// lowest and highest point in time order, so every peak and trough the chart would draw is still there. The metrics are
/// computed from the full curve before it is stored.
/// </summary>
public static class StoredEquity
{
    public const int MaxPoints = 20_000;

    public static IReadOnlyList<EquityPoint> From(IReadOnlyList<EquityPoint> curve, int maxPoints = MaxPoints)
    {
        if (curve.Count <= maxPoints) return curve;
        int stretches = (maxPoints - 2) / 2;
        var kept = new List<EquityPoint>(maxPoints) { curve[0] };
        for (int s = 0; s < stretches; s++)
        {
            int from = (int)((long)curve.Count * s / stretches), to = (int)((long)curve.Count * (s + 1) / stretches);
            int low = from, high = from;
            for (int i = from + 1; i < to; i++)
            {
                if (curve[i].Equity < curve[low].Equity) low = i;
                if (curve[i].Equity > curve[high].Equity) high = i;
            }
            foreach (int i in low == high ? new[] { low } : new[] { Math.Min(low, high), Math.Max(low, high) })
                if (i > 0 && i < curve.Count - 1) kept.Add(curve[i]);
        }
        kept.Add(curve[^1]);
        return kept;
    }
}
