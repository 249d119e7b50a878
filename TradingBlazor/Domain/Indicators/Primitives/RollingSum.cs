using System.Runtime.CompilerServices;

namespace TradingBlazor.Domain.Indicators.Primitives;

/// <summary>
/// Sum of the last <c>n</c> values, TA-Lib style: keeps the sum of the previous n-1 values, adds the new one to
/// produce the window sum, then drops the oldest. <see cref="Step"/> returns NaN until n values are seen.
/// </summary>
public struct RollingSum
{
    private readonly int _period;
    private readonly double[] _previous; // the last n-1 committed values (0 where none yet), oldest at _oldest
    private double _sum;                 // sum of those n-1 values
    private int _count;
    private int _oldest;

    public RollingSum(int period)
    {
        if (period < 1) throw new ArgumentOutOfRangeException(nameof(period), period, "period must be at least 1.");
        _period = period;
        _previous = new double[Math.Max(period - 1, 1)];
        _sum = 0;
        _count = 0;
        _oldest = 0;
    }

    public readonly int Period => _period;

    // One path for warm-up and steady state, so the loop has no join to spill state at: the slots not yet written
    // hold 0, so warm-up drops nothing and sums exactly as adding alone would (x - 0 is x).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Step(double x, bool commit)
    {
        double total = _sum + x;
        bool full = _count >= _period - 1;
        if (commit)
        {
            var previous = _previous;
            int oldest = _oldest;
            if (_period > 1)
            {
                _sum = total - previous[oldest];
                previous[oldest] = x;
                _oldest = ++oldest == previous.Length ? 0 : oldest;
            }
            if (!full) _count++;
        }
        return full ? total : double.NaN;
    }

    public void Reset()
    {
        Array.Clear(_previous);
        _sum = 0;
        _count = 0;
        _oldest = 0;
    }
}
