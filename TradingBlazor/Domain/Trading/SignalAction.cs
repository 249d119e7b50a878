namespace TradingBlazor.Domain.Trading;

/// <summary>What a signal asks for.</summary>
public enum SignalAction
{
    /// <summary>Open or add to a long position.</summary>
    Buy,
    /// <summary>Close or reduce a long position.</summary>
    Sell,
}
