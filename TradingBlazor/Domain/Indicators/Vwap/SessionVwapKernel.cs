using System.Runtime.CompilerServices;
using TradingBlazor.Domain.Indicators.Framework;
using TradingBlazor.Domain.Time;

namespace TradingBlazor.Domain.Indicators.Vwap;

/// <summary>
/// Session VWAP (TA-Lib has none): Σ(typical·volume)/Σ(volume) since the first bar of the bar's New York trading date,
/// typical = (high+low+close)/3 as TradingView's default; resets when the exchange date changes. On daily bars it
/// equals each bar's typical price. Before any volume in a session it is the typical price.
/// </summary>
public struct SessionVwapKernel : IIndicatorKernel
{
    private double _priceVolume;
    private double _volume;
    private long _sessionDay;
    private EasternDayCache _days;

    public SessionVwapKernel()
    {
        _priceVolume = 0;
        _volume = 0;
        _sessionDay = long.MinValue;
        _days = default;
    }

    public readonly int OutputCount => 1;
    public readonly int Lookback => 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(in Ohlcv bar, bool commit, Span<double> output)
    {
        long day = _days.DayNumber(bar.TimeMs);
        double pv = bar.Typical * bar.Volume, v = bar.Volume;
        if (day == _sessionDay) { pv += _priceVolume; v += _volume; }
        if (commit)
        {
            _sessionDay = day;
            _priceVolume = pv;
            _volume = v;
        }
        output[0] = v != 0 ? pv / v : bar.Typical;
    }

    public void Reset()
    {
        _priceVolume = 0;
        _volume = 0;
        _sessionDay = long.MinValue;
    }
}
