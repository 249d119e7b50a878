using System.Runtime.CompilerServices;
using TradingBlazor.Domain.Indicators.Framework;
using TradingBlazor.Domain.Indicators.Primitives;

namespace TradingBlazor.Domain.Indicators.WilliamsR;

/// <summary>Williams %R(n) (TA-Lib): −100·(highest high − close)/(highest high − lowest low) over n bars, 0 when the range is 0. First value at n−1.</summary>
public struct WilliamsRKernel : IIndicatorKernel
{
    private readonly int _period;
    private WindowExtreme<Highest> _highest;
    private WindowExtreme<Lowest> _lowest;
    private int _index;

    public WilliamsRKernel(int period)
    {
        _period = period;
        _highest = new WindowExtreme<Highest>(period);
        _lowest = new WindowExtreme<Lowest>(period);
        _index = 0;
    }

    public readonly int OutputCount => 1;
    public readonly int Lookback => _period - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(in Ohlcv bar, bool commit, Span<double> output)
    {
        double highest = _highest.Step(bar.High, commit);
        double lowest = _lowest.Step(bar.Low, commit);
        bool ready = _index >= _period - 1;
        if (commit) _index++;
        if (!ready) { output[0] = double.NaN; return; }
        double range = (highest - lowest) / -100.0;
        output[0] = range != 0 ? (highest - bar.Close) / range : 0;
    }

    public void Reset()
    {
        _highest.Reset();
        _lowest.Reset();
        _index = 0;
    }
}
