using System.Runtime.CompilerServices;

namespace TradingBlazor.Domain.Indicators.Primitives;

/// <summary>
/// Sum of the last <c>n</c> values, TA-Lib style: keeps the sum of the previous n-1 values, adds the new one to
/// produce the window sum, then drops the oldest. <see cref="Step"/> returns NaN until n values are seen.
/// </summary>
public struct RollingSum
{
    private readonly int _period;
    private readonly double[] _previous; // the last n-1 committed values, oldest at _oldest
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Step(double x, bool commit)
    {
        int keep = _period - 1;
        if (_count < keep)
        {
            if (commit) { _previous[_count++] = x; _sum += x; }
            return double.NaN;
        }
        double total = _sum + x;
        if (commit && keep > 0)
        {
            _sum = total - _previous[_oldest];
            _previous[_oldest] = x;
            if (++_oldest == keep) _oldest = 0;
        }
        return total;
    }

    public void Reset()
    {
        _sum = 0;
        _count = 0;
        _oldest = 0;
    }
}
