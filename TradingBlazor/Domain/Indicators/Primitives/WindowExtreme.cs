using System.Runtime.CompilerServices;

namespace TradingBlazor.Domain.Indicators.Primitives;

/// <summary>
/// Highest (or lowest) of the last n values in amortised O(1): a monotonic deque of (index, value).
/// A preview only reads the deque: one index expires per bar, so the answer is the new value against the
/// first one or two deque entries.
/// </summary>
public struct WindowExtreme
{
    private readonly int _period;
    private readonly bool _max;
    private readonly long[] _index;
    private readonly double[] _value;
    private int _head;  // ring position of the front
    private int _size;
    private long _next; // index the next committed value gets

    public WindowExtreme(int period, bool max)
    {
        if (period < 1) throw new ArgumentOutOfRangeException(nameof(period), period, "period must be at least 1.");
        _period = period;
        _max = max;
        _index = new long[period + 1];
        _value = new double[period + 1];
        _head = 0;
        _size = 0;
        _next = 0;
    }

    /// <summary>True once n values have been committed (the window is full).</summary>
    public readonly bool IsFull => _next >= _period;

    /// <summary>The extreme over the last n values including x (fewer during warm-up).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Step(double x, bool commit)
    {
        long firstValid = _next - _period + 1;
        if (!commit)
        {
            // Front entries older than the window are skipped (at most one can be, plus a possible second).
            int pos = _head;
            for (int k = 0; k < _size; k++)
            {
                if (_index[pos] >= firstValid) return Better(_value[pos], x) ? _value[pos] : x;
                if (++pos == _index.Length) pos = 0;
            }
            return x;
        }

        int cap = _index.Length;
        if (_size > 0 && _index[_head] < firstValid)
        {
            if (++_head == cap) _head = 0;
            _size--;
        }
        // Drop entries from the back that x dominates (ties: keep the newer one, which lives longer).
        while (_size > 0)
        {
            int back = _head + _size - 1;
            if (back >= cap) back -= cap;
            if (Better(_value[back], x)) break;
            _size--;
        }
        int slot = _head + _size;
        if (slot >= cap) slot -= cap;
        _index[slot] = _next++;
        _value[slot] = x;
        _size++;
        return _value[_head];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly bool Better(double kept, double candidate) => _max ? kept > candidate : kept < candidate;

    public void Reset()
    {
        _head = 0;
        _size = 0;
        _next = 0;
    }
}
