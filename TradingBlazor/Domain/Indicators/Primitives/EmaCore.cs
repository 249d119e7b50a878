using System.Runtime.CompilerServices;

namespace TradingBlazor.Domain.Indicators.Primitives;

/// <summary>
/// Exponential moving average with alpha = 2/(n+1), seeded (TA-Lib) with the simple mean of the first n values,
/// so the first value is at index n-1. TradingView and pandas-ta seed from the first value instead.
/// </summary>
public struct EmaCore
{
    private readonly int _period;
    private readonly double _alpha;
    private double _sum;
    private double _value;
    private int _count;

    public EmaCore(int period, double? alpha = null)
    {
        if (period < 1) throw new ArgumentOutOfRangeException(nameof(period), period, "period must be at least 1.");
        _period = period;
        _alpha = alpha ?? 2.0 / (period + 1);
        _sum = 0;
        _value = double.NaN;
        _count = 0;
    }

    public readonly double Value => _value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Step(double x, bool commit)
    {
        double v;
        if (_count >= _period) v = (x - _value) * _alpha + _value;
        else if (_count == _period - 1) v = (_sum + x) / _period;
        else
        {
            if (commit) { _sum += x; _count++; }
            return double.NaN;
        }
        if (commit) { _value = v; if (_count < _period) _count++; }
        return v;
    }

    /// <summary>Starts the average at a given value (MACD seeds its fast EMA late, as TA-Lib does).</summary>
    public void Seed(double value)
    {
        _value = value;
        _count = _period;
    }

    public void Reset()
    {
        _sum = 0;
        _value = double.NaN;
        _count = 0;
    }
}
