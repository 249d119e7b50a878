namespace TradingBlazor.Domain.Time;

/// <summary>The one source of "now" for the engine, live and in backtests, so both run the same code.</summary>
public interface IClock
{
    /// <summary>The current instant, always <see cref="DateTimeKind.Utc"/>.</summary>
    DateTime UtcNow { get; }
}
