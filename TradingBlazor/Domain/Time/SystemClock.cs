namespace TradingBlazor.Domain.Time;

/// <summary>Wall-clock time for live trading.</summary>
public sealed class SystemClock : IClock
{
    public DateTime UtcNow => DateTime.UtcNow;
}
