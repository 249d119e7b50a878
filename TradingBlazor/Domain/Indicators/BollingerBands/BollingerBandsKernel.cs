using System.Runtime.CompilerServices;
using TradingBlazor.Domain.Indicators.Framework;
using TradingBlazor.Domain.Indicators.Primitives;

namespace TradingBlazor.Domain.Indicators.BollingerBands;

/// <summary>
/// Bollinger Bands (TA-Lib BBANDS, SMA): middle = SMA(n), bands = middle ± k·σ with the population standard deviation
/// (divide by n; some tools use n−1), σ = 0 when the variance is below 1e-8. Extra outputs: %B = (close − lower)/(upper − lower)
/// (0.5 when the bands touch) and bandwidth = (upper − lower)/middle. First value at n−1.
/// </summary>
public struct BollingerBandsKernel : IIndicatorKernel
{
    private readonly int _period;
    private readonly double _deviations;
    private SmaCore _middle;
    private RollingSum _squares;

    public BollingerBandsKernel(int period, double deviations)
    {
        _period = period;
        _deviations = deviations;
        _middle = new SmaCore(period);
        _squares = new RollingSum(period);
    }

    public readonly int OutputCount => 5;
    public readonly int Lookback => _period - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(in Ohlcv bar, bool commit, Span<double> output)
    {
        double x = bar.Close;
        double middle = _middle.Step(x, commit);
        double meanSquare = _squares.Step(x * x, commit) / _period;
        if (double.IsNaN(middle))
        {
            output[0] = output[1] = output[2] = output[3] = output[4] = double.NaN;
            return;
        }
        double variance = meanSquare - middle * middle;
        double width = _deviations * (TaMath.IsZeroOrNegative(variance) ? 0 : Math.Sqrt(variance));
        double upper = middle + width, lower = middle - width;
        output[0] = upper;
        output[1] = middle;
        output[2] = lower;
        output[3] = upper != lower ? (x - lower) / (upper - lower) : 0.5;
        output[4] = middle != 0 ? (upper - lower) / middle : 0;
    }

    public void Reset()
    {
        _middle.Reset();
        _squares.Reset();
    }
}
