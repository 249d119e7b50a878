using System.Runtime.CompilerServices;
using TradingBlazor.Domain.Indicators.Framework;
using TradingBlazor.Domain.Indicators.Primitives;

namespace TradingBlazor.Domain.Indicators.Donchian;

/// <summary>Donchian Channels (TA-Lib has none): upper = highest high, lower = lowest low over n bars including this one, middle = their mean. First value at n−1.</summary>
public struct DonchianKernel : IIndicatorKernel
{
    private readonly int _period;
    private WindowExtreme<Highest> _highest;
    private WindowExtreme<Lowest> _lowest;
    private int _index;

    public DonchianKernel(int period)
    {
        _period = period;
        _highest = new WindowExtreme<Highest>(period);
        _lowest = new WindowExtreme<Lowest>(period);
        _index = 0;
    }

    public readonly int OutputCount => 3;
    public readonly int Lookback => _period - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(in Ohlcv bar, bool commit, Span<double> output)
    {
        double upper = _highest.Step(bar.High, commit);
        double lower = _lowest.Step(bar.Low, commit);
        bool ready = _index >= _period - 1;
        if (commit) _index++;
        if (!ready)
        {
            output[0] = output[1] = output[2] = double.NaN;
            return;
        }
        output[0] = upper;
        output[1] = (upper + lower) / 2.0;
        output[2] = lower;
    }

    public void Reset()
    {
        _highest.Reset();
        _lowest.Reset();
        _index = 0;
    }
}
