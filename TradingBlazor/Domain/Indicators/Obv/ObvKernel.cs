using System.Runtime.CompilerServices;
using TradingBlazor.Domain.Indicators.Framework;

namespace TradingBlazor.Domain.Indicators.Obv;

/// <summary>OBV (TA-Lib): starts at bar 0's volume (many tools start at 0), then ± volume on up/down closes, unchanged on equal closes.</summary>
public struct ObvKernel : IIndicatorKernel
{
    private double _obv;
    private double _previousClose;
    private bool _started;

    public readonly int OutputCount => 1;
    public readonly int Lookback => 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(in Ohlcv bar, bool commit, Span<double> output)
    {
        double obv;
        if (!_started) obv = bar.Volume;
        else if (bar.Close > _previousClose) obv = _obv + bar.Volume;
        else if (bar.Close < _previousClose) obv = _obv - bar.Volume;
        else obv = _obv;
        if (commit)
        {
            _obv = obv;
            _previousClose = bar.Close;
            _started = true;
        }
        output[0] = obv;
    }

    public void Reset()
    {
        _obv = 0;
        _started = false;
    }
}
