using System.Runtime.CompilerServices;
using TradingBlazor.Domain.Indicators.Framework;
using TradingBlazor.Domain.Indicators.Primitives;

namespace TradingBlazor.Domain.Indicators.Vwma;

/// <summary>VWMA(n) (as R TTR; TA-Lib has none): Σ(close·volume)/Σ(volume) over n bars; NaN while the window's volume is 0. First value at n−1.</summary>
public struct VwmaKernel : IIndicatorKernel
{
    private readonly int _period;
    private RollingSum _priceVolume;
    private RollingSum _volume;

    public VwmaKernel(int period)
    {
        _period = period;
        _priceVolume = new RollingSum(period);
        _volume = new RollingSum(period);
    }

    public readonly int OutputCount => 1;
    public readonly int Lookback => _period - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(in Ohlcv bar, bool commit, Span<double> output)
    {
        double pv = _priceVolume.Step(bar.Close * bar.Volume, commit);
        double v = _volume.Step(bar.Volume, commit);
        output[0] = v != 0 ? pv / v : double.NaN;
    }

    public void Reset()
    {
        _priceVolume.Reset();
        _volume.Reset();
    }
}
