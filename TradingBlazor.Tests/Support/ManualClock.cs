using TradingBlazor.Domain.Time;

namespace TradingBlazor.Tests.Support;

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock(DateTime start) : IClock
{
    public DateTime UtcNow { get; set; } = start;

    public void Advance(TimeSpan by) => UtcNow += by;
}
