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
    private const long MillisecondsPerDay = 86_400_000;
    private double _priceVolume;
    private double _volume;
    private long _sessionDay;
    private long _cachedUtcDay;   // session lookup cache: one zone conversion per UTC day, not per bar
    private long _cachedOffsetMs;

    public SessionVwapKernel()
    {
        _priceVolume = 0;
        _volume = 0;
        _sessionDay = long.MinValue;
        _cachedUtcDay = long.MinValue;
        _cachedOffsetMs = 0;
    }

    public readonly int OutputCount => 1;
    public readonly int Lookback => 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(in Ohlcv bar, bool commit, Span<double> output)
    {
        long day = EasternDay(bar.TimeMs);
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

    // New York date of the instant as a day number. The UTC offset is cached per UTC day; DST changes at 02:00 ET,
    // outside every session, so a per-day offset never misplaces a trading bar.
    private long EasternDay(long timeMs)
    {
        long utcDay = Math.DivRem(timeMs, MillisecondsPerDay, out long rem) - (rem < 0 ? 1 : 0);
        if (utcDay != _cachedUtcDay)
        {
            var noon = DateTime.UnixEpoch.AddMilliseconds(utcDay * MillisecondsPerDay + MillisecondsPerDay / 2);
            _cachedOffsetMs = (long)MarketTime.Eastern.GetUtcOffset(noon).TotalMilliseconds;
            _cachedUtcDay = utcDay;
        }
        long local = timeMs + _cachedOffsetMs;
        return Math.DivRem(local, MillisecondsPerDay, out long r) - (r < 0 ? 1 : 0);
    }

    public void Reset()
    {
        _priceVolume = 0;
        _volume = 0;
        _sessionDay = long.MinValue;
    }
}
