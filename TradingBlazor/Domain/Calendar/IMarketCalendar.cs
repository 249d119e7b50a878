namespace TradingBlazor.Domain.Calendar;

/// <summary>
/// An exchange's trading calendar. The rule-based NYSE calendar implements it offline;
/// a broker-provided calendar can replace it behind the same interface.
/// </summary>
public interface IMarketCalendar
{
    /// <summary>The regular session on an exchange date, or null when the market is closed all day.</summary>
    TradingSession? GetSession(DateOnly date);

    /// <summary>Why a weekday is closed (e.g. "Good Friday"), or null for trading days and weekends.</summary>
    string? GetHolidayName(DateOnly date);

    /// <summary>True when the instant lies inside a regular session (open inclusive, close exclusive).</summary>
    bool IsOpenAt(DateTime utc);

    /// <summary>The first session open at or after the instant.</summary>
    DateTime NextOpen(DateTime utc);

    /// <summary>The first session close strictly after the instant.</summary>
    DateTime NextClose(DateTime utc);

    /// <summary>The sessions with dates in [from, to], in order.</summary>
    IEnumerable<TradingSession> SessionsBetween(DateOnly from, DateOnly to);

    /// <summary>Phase, session and next transitions at an instant.</summary>
    MarketStatus GetStatus(DateTime utc);
}
