using System.Runtime.CompilerServices;
using TradingBlazor.Domain.Indicators.Framework;
using TradingBlazor.Domain.Indicators.Primitives;

namespace TradingBlazor.Domain.Indicators.Atr;

/// <summary>
/// ATR(n) (TA-Lib): true range from bar 1 on; the first ATR at bar n is the mean of TR[1..n], then Wilder smoothing.
/// (TradingView also counts bar 0's high−low as a TR and so starts one bar earlier.)
/// </summary>
public struct AtrKernel : IIndicatorKernel
{
    private readonly int _period;
    private WilderCore _average;
    private double _previousClose;
    private bool _hasPrevious;

    public AtrKernel(int period)
    {
        _period = period;
        _average = new WilderCore(period);
        _previousClose = 0;
        _hasPrevious = false;
    }

    public readonly int OutputCount => 1;
    public readonly int Lookback => _period;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(in Ohlcv bar, bool commit, Span<double> output) => output[0] = Next(in bar, commit);

    /// <summary>The ATR after this bar (NaN while warming); Keltner and SuperTrend reuse it.</summary>
    public double Next(in Ohlcv bar, bool commit)
    {
        if (!_hasPrevious)
        {
            if (commit) { _previousClose = bar.Close; _hasPrevious = true; }
            return double.NaN;
        }
        double atr = _average.Step(TaMath.TrueRange(bar.High, bar.Low, _previousClose), commit);
        if (commit) _previousClose = bar.Close;
        return atr;
    }

    public void Reset()
    {
        _average.Reset();
        _hasPrevious = false;
    }
}
