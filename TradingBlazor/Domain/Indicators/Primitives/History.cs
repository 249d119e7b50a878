using System.Runtime.CompilerServices;

namespace TradingBlazor.Domain.Indicators.Primitives;

/// <summary>The last n committed values, for indicators that compare with a value n bars ago (ROC) or scan a window (CCI).</summary>
public struct History
{
    private readonly double[] _values;
    private int _next;
    private long _count;

    public History(int capacity)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "capacity must be at least 1.");
        _values = new double[capacity];
        _next = 0;
        _count = 0;
    }

    public readonly int Capacity => _values.Length;
    public readonly long Count => _count;

    /// <summary>All stored values in storage order (not age order); complete once <see cref="Count"/> ≥ capacity.</summary>
    public readonly ReadOnlySpan<double> Values => _values;

    /// <summary>The value committed <paramref name="back"/> bars ago (1 = the last one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly double Ago(int back)
    {
        int i = _next - back;
        if (i < 0) i += _values.Length;
        return _values[i];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double x)
    {
        _values[_next] = x;
        if (++_next == _values.Length) _next = 0;
        _count++;
    }

    public void Reset()
    {
        _next = 0;
        _count = 0;
    }
}
