namespace TradingBlazor.Domain.Time;

/// <summary>
/// The app has one clock, a <see cref="TimeProvider"/>: the system's when live, the simulated market's or a test's
/// fake otherwise. The domain works in UTC <see cref="DateTime"/>s; this reads the clock in that form.
/// </summary>
public static class ClockExtensions
{
    /// <summary>The current instant, always <see cref="DateTimeKind.Utc"/>.</summary>
    public static DateTime UtcNow(this TimeProvider clock) => clock.GetUtcNow().UtcDateTime;
}
