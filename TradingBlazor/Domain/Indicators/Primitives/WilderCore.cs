using System.Runtime.CompilerServices;

namespace TradingBlazor.Domain.Indicators.Primitives;

/// <summary>
/// Wilder's smoothing (RSI's average gain/loss, ATR): seeded with the plain mean of the first n values,
/// then avg = (avg·(n-1) + x) / n, computed in TA-Lib's order of operations.
/// </summary>
public struct WilderCore
{
    private readonly int _period;
    private double _sum;
    private double _value;
    private int _count;

    public WilderCore(int period)
    {
        if (period < 1) throw new ArgumentOutOfRangeException(nameof(period), period, "period must be at least 1.");
        _period = period;
        _sum = 0;
        _value = double.NaN;
        _count = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Step(double x, bool commit)
    {
        double v;
        if (_count >= _period)
        {
            v = _value * (_period - 1);
            v += x;
            v /= _period;
        }
        else if (_count == _period - 1) v = (_sum + x) / _period;
        else
        {
            if (commit) { _sum += x; _count++; }
            return double.NaN;
        }
        if (commit) { _value = v; if (_count < _period) _count++; }
        return v;
    }

    public void Reset()
    {
        _sum = 0;
        _value = double.NaN;
        _count = 0;
    }
}
