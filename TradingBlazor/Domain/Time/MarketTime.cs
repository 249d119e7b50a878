namespace TradingBlazor.Domain.Time;

/// <summary>
/// Explicit conversions between UTC instants and US exchange time (America/New_York).
/// Everything is stored and compared in UTC; exchange time exists only at these edges.
/// </summary>
public static class MarketTime
{
    public static readonly TimeZoneInfo Eastern = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>The UTC instant of a wall-clock time on a date in New York (DST resolved by the zone rules).</summary>
    public static DateTime ToUtc(DateOnly date, TimeOnly time)
    {
        var local = DateTime.SpecifyKind(date.ToDateTime(time), DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(local, Eastern);
    }

    /// <summary>Wall-clock time in New York for a UTC instant.</summary>
    public static DateTime ToEastern(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(EnsureUtc(utc), Eastern);

    /// <summary>The New York calendar date of a UTC instant.</summary>
    public static DateOnly EasternDate(DateTime utc) => DateOnly.FromDateTime(ToEastern(utc));

    /// <summary>Rejects local or unspecified instants: a silent conversion here would shift sessions by hours.</summary>
    public static DateTime EnsureUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        _ => throw new ArgumentException($"Expected a UTC instant but got DateTimeKind.{value.Kind}.", nameof(value)),
    };

    /// <summary>The start of the minute containing an instant (UTC): the bar a print or event belongs to.</summary>
    public static DateTime MinuteStart(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);
}
