using System.Runtime.CompilerServices;
using TradingBlazor.Domain.Indicators.Framework;
using TradingBlazor.Domain.Indicators.Primitives;

namespace TradingBlazor.Domain.Indicators.Wma;

/// <summary>
/// WMA(n): linearly weighted mean, weight n on the newest close down to 1 (TA-Lib WMA). O(1) per bar: the weighted
/// sum drops the plain window sum and adds n·x. First value at n-1.
/// </summary>
public struct WmaKernel : IIndicatorKernel, IValueKernel
{
    private readonly int _period;
    private readonly double _divisor;
    private History _window;
    private double _sum;      // plain sum of the last n-1 committed closes
    private double _weighted; // their weighted sum, weights n-1 .. 1 (newest heaviest)
    private int _count;

    public WmaKernel(int period)
    {
        if (period < 1) throw new ArgumentOutOfRangeException(nameof(period), period, "period must be at least 1.");
        _period = period;
        _divisor = period * (period + 1) / 2.0;
        _window = new History(period);
        _sum = 0;
        _weighted = 0;
        _count = 0;
    }

    public readonly int OutputCount => 1;
    public readonly int Lookback => _period - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(in Ohlcv bar, bool commit, Span<double> output) => output[0] = Update(bar.Close, commit);

    public readonly ValueSource Source => ValueSource.Close;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Update(double x, bool commit)
    {
        if (_count < _period - 1)
        {
            if (commit)
            {
                // Weights grow as values arrive: the newest gets count+1.
                _count++;
                _weighted += x * _count;
                _sum += x;
                _window.Add(x);
            }
            return double.NaN;
        }
        // Warm-up weights were 1..n-1 by arrival order, which equals n-1..1 by age: the window is consistent.
        double weighted = _weighted + _period * x;
        if (commit)
        {
            double total = _sum + x;
            double oldest = _period > 1 ? _window.Ago(_period - 1) : 0;
            _weighted = weighted - total;   // every value loses one weight; the oldest (weight 1) drops out
            _sum = total - oldest;
            _window.Add(x);
            _count = _period;
        }
        return weighted / _divisor;
    }

    public void Reset()
    {
        _window.Reset();
        _sum = 0;
        _weighted = 0;
        _count = 0;
    }
}
