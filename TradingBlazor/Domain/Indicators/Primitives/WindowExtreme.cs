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
/// deque bookkeeping). The values are kept in order in one array, the window always contiguous at its end, so a
/// rescan is a plain forward scan by index, as TA-Lib scans its input (a ring buffer's wrap-around test on every
/// element cost half the speed of Williams %R); when the array fills, the window moves back to its start.
/// Preview and commit run the same code; only commit stores.
/// </summary>
public struct WindowExtreme<TOrder> where TOrder : struct, IExtremeOrder
{
    private readonly int _period;
    private readonly double[] _values; // committed values in order; the window is the last n-1 of [0, _length) plus x
    private int _length;
    private double _best;
    private int _bestAt; // position of the extreme in _values (_length for a value not yet stored), -1 for none

    public WindowExtreme(int period)
    {
        if (period < 1) throw new ArgumentOutOfRangeException(nameof(period), period, "period must be at least 1.");
        _period = period;
        _values = new double[Math.Max(4 * period, 64)];
        _length = 0;
        _best = 0;
        _bestAt = -1;
    }

    /// <summary>The extreme over the last n values including x (fewer during warm-up).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Step(double x, bool commit)
    {
        if (commit && _length == _values.Length)
        {
            int shift = MoveWindowToStart(_values, _length, _period);
            _length -= shift;
            _bestAt -= shift;
        }
        int at = _length;
        double best;
        int bestAt;
        if (_bestAt <= at - _period || _bestAt < 0)
        {
            bestAt = Rescan(_values, Math.Max(at - (_period - 1), 0), at, x);
            best = bestAt == at ? x : _values[bestAt];
        }
        else if (TOrder.AtLeast(x, _best))
        {
            best = x;
            bestAt = at;
        }
        else
        {
            best = _best;
            bestAt = _bestAt;
        }
        if (commit)
        {
            _values[at] = x;
            _length = at + 1;
            _best = best;
            _bestAt = bestAt;
        }
        return best;
    }

    // The position of the extreme of values[from..at) and x (at stands for x). Oldest to newest, as TA-Lib scans
    // (measured 30% faster on random walks than newest-first: a forward scan finds its final extreme sooner, so it
    // mispredicts less); at-least comparisons make the newest of equal values win, as it stays in the window longest.
    // Inlined, like the move below: a call anywhere in the loop makes the JIT keep the kernel's doubles in memory
    // rather than registers on every bar (no vector register survives a call on x64 Unix).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Rescan(double[] values, int from, int at, double x)
    {
        if (from == at) return at;
        var kept = values.AsSpan(from, at - from); // the values that stay in the window besides x
        double best = kept[0];
        int bestIndex = 0;
        for (int i = 1; i < kept.Length; i++)
        {
            if (TOrder.AtLeast(kept[i], best)) { best = kept[i]; bestIndex = i; }
        }
        return TOrder.AtLeast(x, best) ? at : from + bestIndex;
    }

    /// <summary>Copies the last n−1 values to the start of the full array; returns by how much positions moved.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int MoveWindowToStart(double[] values, int length, int period)
    {
        int kept = period - 1;
        int shift = length - kept;
        var window = values.AsSpan(shift, kept);
        var start = values.AsSpan(0, kept);
        for (int i = 0; i < window.Length; i++) start[i] = window[i]; // the array holds 4n, so the two never overlap
        return shift;
    }

    public void Reset()
    {
        _length = 0;
        _bestAt = -1;
    }
}
