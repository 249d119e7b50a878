using System.Runtime.CompilerServices;
using TradingBlazor.Domain.Indicators.Framework;
using TradingBlazor.Domain.Indicators.Primitives;

namespace TradingBlazor.Domain.Indicators.Macd;

/// <summary>
/// MACD(fast, slow, signal) as TA-Lib computes it: both EMAs start at bar slow-1, the slow one seeded with the SMA
/// of the first slow closes and the fast one with the SMA of the fast closes ending there; signal = EMA(signal) of
/// MACD seeded with the SMA of its first values; hist = macd - signal. All outputs start at slow+signal-2.
/// (TradingView seeds each EMA independently from the start; values converge after a few hundred bars.)
/// </summary>
public struct MacdKernel : IIndicatorKernel
{
    private readonly int _fast;
    private readonly int _slow;
    private readonly int _signalPeriod;
    private EmaCore _fastEma;
    private EmaCore _slowEma;
    private EmaCore _signal;
    private double _fastSeedSum;
    private int _index;

    public MacdKernel(int fast, int slow, int signal)
    {
        if (fast >= slow) throw new ArgumentException("fast must be less than slow.", nameof(fast));
        _fast = fast;
        _slow = slow;
        _signalPeriod = signal;
        _fastEma = new EmaCore(fast);
        _slowEma = new EmaCore(slow);
        _signal = new EmaCore(signal);
        _fastSeedSum = 0;
        _index = 0;
    }

    public readonly int OutputCount => 3;
    public readonly int Lookback => _slow - 1 + _signalPeriod - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(in Ohlcv bar, bool commit, Span<double> output)
    {
        double close = bar.Close;
        double slow = _slowEma.Step(close, commit);
        double fast;
        int seedAt = _slow - 1;
        if (_index < seedAt)
        {
            if (commit)
            {
                if (_index >= _slow - _fast) _fastSeedSum += close;
                _index++;
            }
            output[0] = output[1] = output[2] = double.NaN;
            return;
        }
        if (_index == seedAt)
        {
            fast = (_fastSeedSum + close) / _fast;
            if (commit) _fastEma.Seed(fast);
        }
        else
        {
            fast = _fastEma.Step(close, commit);
        }
        if (commit) _index++;

        double macd = fast - slow;
        double signal = _signal.Step(macd, commit);
        if (double.IsNaN(signal))
        {
            output[0] = output[1] = output[2] = double.NaN;
            return;
        }
        output[0] = macd;
        output[1] = signal;
        output[2] = macd - signal;
    }

    public void Reset()
    {
        _fastEma.Reset();
        _slowEma.Reset();
        _signal.Reset();
        _fastSeedSum = 0;
        _index = 0;
    }
}
