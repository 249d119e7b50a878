using System.Runtime.CompilerServices;
using TradingBlazor.Domain.Indicators.Framework;
using TradingBlazor.Domain.Indicators.Primitives;

namespace TradingBlazor.Domain.Indicators.Cci;

/// <summary>
/// CCI(n) (TA-Lib): typical price tp; (tp − SMA(tp)) / (0.015 · mean absolute deviation of tp), 0 when either is 0.
/// The mean deviation needs the whole window: O(n) per bar by definition. First value at n−1.
/// </summary>
public struct CciKernel : IIndicatorKernel
{
    private readonly int _period;
    private History _typical;

    public CciKernel(int period)
    {
        if (period < 2) throw new ArgumentOutOfRangeException(nameof(period), period, "period must be at least 2.");
        _period = period;
        _typical = new History(period - 1);
    }

    public readonly int OutputCount => 1;
    public readonly int Lookback => _period - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(in Ohlcv bar, bool commit, Span<double> output)
    {
        double tp = bar.Typical;
        int previous = _period - 1;
        if (_typical.Count < previous)
        {
            if (commit) _typical.Add(tp);
            output[0] = double.NaN;
            return;
        }
        // The window is full here, so every stored value is in it; storage order is fine for sums.
        var window = _typical.Values;
        double sum = tp;
        foreach (var v in window) sum += v;
        double mean = sum / _period;
        double deviation = Math.Abs(tp - mean);
        foreach (var v in window) deviation += Math.Abs(v - mean);
        double distance = tp - mean;
        output[0] = distance != 0 && deviation != 0 ? distance / (0.015 * (deviation / _period)) : 0;
        if (commit) _typical.Add(tp);
    }

    public void Reset() => _typical.Reset();
}
