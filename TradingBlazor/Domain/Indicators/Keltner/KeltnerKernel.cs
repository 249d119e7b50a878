using System.Runtime.CompilerServices;
using TradingBlazor.Domain.Indicators.Atr;
using TradingBlazor.Domain.Indicators.Framework;
using TradingBlazor.Domain.Indicators.Primitives;

namespace TradingBlazor.Domain.Indicators.Keltner;

/// <summary>
/// Keltner Channels (TA-Lib has none; TradingView's modern form): middle = EMA(close, n), bands = middle ± k·ATR(m)
/// with our TA-Lib-seeded EMA and ATR. Outputs start when both are ready: max(n−1, m).
/// </summary>
public struct KeltnerKernel : IIndicatorKernel
{
    private readonly double _multiplier;
    private readonly int _lookback;
    private EmaCore _middle;
    private AtrKernel _atr;

    public KeltnerKernel(int period, double multiplier, int atrPeriod)
    {
        _multiplier = multiplier;
        _lookback = Math.Max(period - 1, atrPeriod);
        _middle = new EmaCore(period);
        _atr = new AtrKernel(atrPeriod);
    }

    public readonly int OutputCount => 3;
    public readonly int Lookback => _lookback;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(in Ohlcv bar, bool commit, Span<double> output)
    {
        double middle = _middle.Step(bar.Close, commit);
        double atr = _atr.Next(in bar, commit);
        if (double.IsNaN(middle) || double.IsNaN(atr))
        {
            output[0] = output[1] = output[2] = double.NaN;
            return;
        }
        output[0] = middle + _multiplier * atr;
        output[1] = middle;
        output[2] = middle - _multiplier * atr;
    }

    public void Reset()
    {
        _middle.Reset();
        _atr.Reset();
    }
}
