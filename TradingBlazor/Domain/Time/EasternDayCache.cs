namespace TradingBlazor.Domain.Time;

/// <summary>
/// The New York date of a stream of instants, with one time-zone lookup per UTC day instead of one per call (hot loops:
/// backtests, session VWAP). DST changes at 02:00 New York time, outside every session, so a per-day offset never
/// misplaces a trading bar.
/// </summary>
public struct EasternDayCache
{
    private const long MillisecondsPerDay = 86_400_000;
    private long _utcDay;
    private long _offsetMs;
    private bool _valid;

    /// <summary>Days since 1970-01-01 of the New York date of a Unix-millisecond instant.</summary>
    public long DayNumber(long unixMs)
    {
        long utcDay = Math.DivRem(unixMs, MillisecondsPerDay, out long rem) - (rem < 0 ? 1 : 0);
        if (!_valid || utcDay != _utcDay)
        {
            var noon = DateTime.UnixEpoch.AddMilliseconds(utcDay * MillisecondsPerDay + MillisecondsPerDay / 2);
            _offsetMs = (long)MarketTime.Eastern.GetUtcOffset(noon).TotalMilliseconds;
            _utcDay = utcDay;
            _valid = true;
        }
        long local = unixMs + _offsetMs;
        return Math.DivRem(local, MillisecondsPerDay, out long r) - (r < 0 ? 1 : 0);
    }

    public DateOnly Date(long unixMs) => DateOnly.FromDayNumber((int)(DayNumber(unixMs) + DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber));
}
