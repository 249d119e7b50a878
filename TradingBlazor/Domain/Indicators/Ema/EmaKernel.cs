using System.Runtime.CompilerServices;
using TradingBlazor.Domain.Indicators.Framework;
using TradingBlazor.Domain.Indicators.Primitives;

namespace TradingBlazor.Domain.Indicators.Ema;

/// <summary>EMA(n): alpha 2/(n+1), seeded with the SMA of the first n closes (TA-Lib); first value at n-1.</summary>
public struct EmaKernel : IIndicatorKernel, IValueKernel
{
    private readonly int _period;
    private EmaCore _ema;

    public EmaKernel(int period)
    {
        _period = period;
        _ema = new EmaCore(period);
    }

    public readonly int OutputCount => 1;
    public readonly int Lookback => _period - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(in Ohlcv bar, bool commit, Span<double> output) => output[0] = Update(bar.Close, commit);

    public readonly ValueSource Source => ValueSource.Close;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Update(double x, bool commit) => _ema.Step(x, commit);

    public void Reset() => _ema.Reset();
}
