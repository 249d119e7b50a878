using System.Runtime.CompilerServices;
using TradingBlazor.Domain.Indicators.Atr;
using TradingBlazor.Domain.Indicators.Framework;

namespace TradingBlazor.Domain.Indicators.SuperTrend;

/// <summary>
/// SuperTrend(m, k) (TA-Lib has none; TradingView's algorithm over our TA-Lib ATR): bands hl2 ± k·ATR(m) that only
/// tighten while price stays inside them; the line is the lower band in an uptrend and the upper band in a downtrend,
/// flipping when the close crosses it. Outputs: the line, and direction +1 (up) / −1 (down). First value at m.
/// </summary>
public struct SuperTrendKernel : IIndicatorKernel
{
    private readonly double _factor;
    private readonly int _atrPeriod;
    private AtrKernel _atr;
    private double _upper, _lower, _line, _previousClose;
    private bool _started;

    public SuperTrendKernel(int atrPeriod, double factor)
    {
        _factor = factor;
        _atrPeriod = atrPeriod;
        _atr = new AtrKernel(atrPeriod);
        _upper = _lower = _line = _previousClose = 0;
        _started = false;
    }

    public readonly int OutputCount => 2;
    public readonly int Lookback => _atrPeriod;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(in Ohlcv bar, bool commit, Span<double> output)
    {
        double atr = _atr.Next(in bar, commit);
        if (double.IsNaN(atr))
        {
            if (commit) _previousClose = bar.Close;
            output[0] = output[1] = double.NaN;
            return;
        }
        double mid = (bar.High + bar.Low) / 2.0;
        double upper = mid + _factor * atr, lower = mid - _factor * atr;
        bool up;
        if (!_started)
        {
            up = false; // TradingView starts in a downtrend (line = upper band)
        }
        else
        {
            if (!(lower > _lower || _previousClose < _lower)) lower = _lower;
            if (!(upper < _upper || _previousClose > _upper)) upper = _upper;
            up = _line == _upper ? bar.Close > upper : !(bar.Close < lower);
        }
        double line = up ? lower : upper;
        output[0] = line;
        output[1] = up ? 1 : -1;
        if (commit)
        {
            _upper = upper;
            _lower = lower;
            _line = line;
            _previousClose = bar.Close;
            _started = true;
        }
    }

    public void Reset()
    {
        _atr.Reset();
        _started = false;
    }
}
