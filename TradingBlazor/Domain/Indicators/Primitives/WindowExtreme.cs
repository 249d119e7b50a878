using System.Runtime.CompilerServices;

namespace TradingBlazor.Domain.Indicators.Primitives;

/// <summary>Which end of a window <see cref="WindowExtreme{TOrder}"/> tracks; a type, so the JIT compiles each without branching on it.</summary>
public interface IExtremeOrder
{
    /// <summary>A newer value at least as extreme as the best so far replaces it (the newer of equals stays longest).</summary>
    static abstract bool AtLeast(double candidate, double best);

}

public struct Highest : IExtremeOrder
{
    public static bool AtLeast(double candidate, double best) => candidate >= best;
}

public struct Lowest : IExtremeOrder
{
    public static bool AtLeast(double candidate, double best) => candidate <= best;
}

/// <summary>
/// Highest (or lowest) of the last n values, TA-Lib's way: remember the extreme and its index, compare each new
/// value against it, and rescan the window only when the extreme leaves it (amortised O(1) on market data, no
/// deque bookkeeping). Preview and commit run the same code; only commit stores.
/// </summary>
public struct WindowExtreme<TOrder> where TOrder : struct, IExtremeOrder
{
    private readonly int _period;
    private readonly double[] _ring; // the last n committed values; _pos is where the next one goes (the oldest, when full)
    private int _pos;
    private long _count;
    private double _best;
    private long _bestIndex;

    public WindowExtreme(int period)
    {
        if (period < 1) throw new ArgumentOutOfRangeException(nameof(period), period, "period must be at least 1.");
        _period = period;
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
        double best;
        long bestIndex;
        if (_bestIndex <= index - _period || _bestIndex < 0)
        {
            best = Rescan(x, out bestIndex);
        }
        else if (TOrder.AtLeast(x, _best))
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

    // The values still in the window, oldest to newest as TA-Lib scans them (measured 30% faster on random walks than
    // newest-first: a forward scan finds its final extreme sooner, so it mispredicts less). At-least comparisons make the
    // newest of equal values win: it stays in the window longest.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly double Rescan(double x, out long bestIndex)
    {
        int kept = (int)Math.Min(_count, _period - 1); // values that stay in the window besides x
        var ring = _ring;
        int p = _pos - kept;
        if (p < 0) p += _period;
        double best = x;
        int bestAge = 0; // how many values back from x; 0 is x itself
        if (kept > 0)
        {
            best = ring[p];
            bestAge = kept;
            for (int age = kept - 1; age >= 1; age--)
            {
                if (++p == _period) p = 0;
                double v = ring[p];
                if (TOrder.AtLeast(v, best)) { best = v; bestAge = age; }
            }
            if (TOrder.AtLeast(x, best)) { best = x; bestAge = 0; }
        }
        bestIndex = _count - bestAge;
        return best;
    }

    public void Reset()
    {
        _pos = 0;
        _count = 0;
        _bestIndex = -1;
    }
}
