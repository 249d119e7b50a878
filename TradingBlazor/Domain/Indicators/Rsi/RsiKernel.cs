using System.Runtime.CompilerServices;
using TradingBlazor.Domain.Indicators.Framework;
using TradingBlazor.Domain.Indicators.Primitives;

namespace TradingBlazor.Domain.Indicators.Rsi;

/// <summary>
/// RSI(n), Wilder (TA-Lib): average gain/loss seeded with the mean of the first n changes, then Wilder-smoothed;
/// 100·g/(g+l), and 0 when both are zero (a flat series; TradingView gives 100 there). First value at n.
/// </summary>
public struct RsiKernel : IIndicatorKernel, IValueKernel
{
    private readonly int _period;
    private WilderCore _gain;
    private WilderCore _loss;
    private double _previous;
    private bool _hasPrevious;

    public RsiKernel(int period)
    {
        _period = period;
        _gain = new WilderCore(period);
        _loss = new WilderCore(period);
        _previous = 0;
        _hasPrevious = false;
    }

    public readonly int OutputCount => 1;
    public readonly int Lookback => _period;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(in Ohlcv bar, bool commit, Span<double> output) => output[0] = Update(bar.Close, commit);

    public readonly ValueSource Source => ValueSource.Close;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Update(double close, bool commit)
    {
        if (!_hasPrevious)
        {
            if (commit) { _previous = close; _hasPrevious = true; }
            return double.NaN;
        }
        double change = close - _previous;
        double gain = _gain.Step(TaMath.PositivePart(change), commit);
        double loss = _loss.Step(TaMath.PositivePart(-change), commit);
        if (commit) _previous = close;
        if (double.IsNaN(gain)) return double.NaN;
        double total = gain + loss;
        return TaMath.IsZero(total) ? 0 : 100 * (gain / total);
    }

    public void Reset()
    {
        _gain.Reset();
        _loss.Reset();
        _hasPrevious = false;
    }
}
