namespace TradingBlazor.Domain.Calendar;

/// <summary>Where an instant falls relative to the regular session of its exchange date.</summary>
public enum MarketPhase
{
    /// <summary>Weekend or exchange holiday.</summary>
    Closed,
    /// <summary>A trading day, before the regular open.</summary>
    PreOpen,
    /// <summary>Inside the regular session.</summary>
    Open,
    /// <summary>A trading day, after the regular close.</summary>
    AfterClose,
}

/// <summary>The market's state at an instant, with the next transition, for status displays and schedulers.</summary>
public sealed record MarketStatus(DateTime AtUtc, MarketPhase Phase, TradingSession? Today, DateTime NextOpenUtc, DateTime NextCloseUtc, string? HolidayName)
{
    public bool IsOpen => Phase == MarketPhase.Open;
}
