using TradingBlazor.Services;

namespace TradingBlazor.Tests.Components.Fakes;

/// <summary>The trading clock over the test's fake clock: the app's time, or (when <see cref="Simulated"/>) a simulated market's instant.</summary>
public sealed class FakeTradingClock(Func<DateTime> now) : ITradingClock
{
    public bool Simulated { get; set; }
    /// <summary>The simulated market's instant while <see cref="Simulated"/> (defaults to the app's time).</summary>
    public DateTime? SimulatedUtc { get; set; }

    public TradingTime Now() => Simulated ? new TradingTime(SimulatedUtc ?? now(), true, 60) : new TradingTime(now(), false, 1);
}
