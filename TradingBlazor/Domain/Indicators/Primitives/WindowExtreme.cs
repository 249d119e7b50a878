using System.Runtime.CompilerServices;

namespace TradingBlazor.Domain.Indicators.Primitives;

/// <summary>
/// Highest (or lowest) of the last n values, TA-Lib's way: remember the extreme and its index, compare each new
/// value against it, and rescan the window only when the extreme leaves it (amortised O(1) on market data, no
/// deque bookkeeping). Preview and commit run the same code; only commit stores.
/// </summary>
public struct WindowExtreme
{
    private readonly int _period;
    private readonly bool _max;
    private readonly double[] _ring; // the last n committed values; _pos is where the next one goes
    private int _pos;
    private long _count;
    private double _best;
    private long _bestIndex;

    public WindowExtreme(int period, bool max)
    {
        if (period < 1) throw new ArgumentOutOfRangeException(nameof(period), period, "period must be at least 1.");
        _period = period;
        _max = max;
        _ring = new double[period];
        _pos = 0;
        _count = 0;
        _best = 0;
        _bestIndex = -1;
    }

    /// <summary>The extreme over the last n values including x (fewer during warm-up).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Step(double x, bool commit)
    {
        long index = _count;
        long firstValid = index - _period + 1;
        double best;
        long bestIndex;
        if (_bestIndex < firstValid || _bestIndex < 0)
        {
            (best, bestIndex) = Rescan(Math.Max(firstValid, 0), index, x);
        }
        else if (_max ? x >= _best : x <= _best)
        {
            best = x;
            bestIndex = index;
        }
        else
        {
            best = _best;
            bestIndex = _bestIndex;
        }
        if (commit)
        {
            _ring[_pos] = x;
            if (++_pos == _period) _pos = 0;
            _count = index + 1;
            _best = best;
            _bestIndex = bestIndex;
        }
        return best;
    }

    // The newest of equal extremes wins: it stays in the window longest.
    private readonly (double, long) Rescan(long from, long index, double x)
    {
        double best = x;
        long bestIndex = index;
        int p = _pos;
        for (long j = index - 1; j >= from; j--)
        {
            if (--p < 0) p = _period - 1;
            double v = _ring[p];
            if (_max ? v > best : v < best)
            {
                best = v;
                bestIndex = j;
            }
        }
        return (best, bestIndex);
    }

    public void Reset()
    {
        _pos = 0;
        _count = 0;
        _bestIndex = -1;
    }
}
