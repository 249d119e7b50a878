namespace TradingBlazor.Domain.Trading;

/// <summary>How a bot's signals become orders.</summary>
public enum ExecutionMode
{
    /// <summary>Every signal that passes risk is executed.</summary>
    Auto,
    /// <summary>Every signal waits for the trader's approval.</summary>
    Manual,
    /// <summary>Signals at or above the confidence threshold execute; the rest wait for approval.</summary>
    Hybrid,
}
