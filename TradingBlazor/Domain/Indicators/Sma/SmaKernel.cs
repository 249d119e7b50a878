using System.Runtime.CompilerServices;
using TradingBlazor.Domain.Indicators.Framework;
using TradingBlazor.Domain.Indicators.Primitives;

namespace TradingBlazor.Domain.Indicators.Sma;

/// <summary>SMA(n): mean of the last n values of a source (close; volume for volume SMA). First value at n-1. Same as TA-Lib SMA.</summary>
public struct SmaKernel<TField> : IIndicatorKernel, IValueKernel where TField : struct, IBarField
{
    private SmaCore _sma;

    public SmaKernel(int period) => _sma = new SmaCore(period);

    public readonly int OutputCount => 1;
    public readonly int Lookback => _sma.Period - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(in Ohlcv bar, bool commit, Span<double> output) => output[0] = Update(TField.Of(in bar), commit);

    public readonly ValueSource Source => TField.Source;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Update(double x, bool commit) => _sma.Step(x, commit);

    public void Reset() => _sma.Reset();
}
