namespace TradingBlazor.Domain.Trading;

/// <summary>The lifecycle state of a bot.</summary>
public enum BotStatus
{
    Stopped,
    Running,
    Paused,
    Error,
}
