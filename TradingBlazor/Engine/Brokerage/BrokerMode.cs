namespace TradingBlazor.Engine.Brokerage;

/// <summary>Where orders go. Simulated is the default: offline, no keys.</summary>
public enum BrokerMode
{
    Simulated,
    AlpacaPaper,
    AlpacaLive,
}

public static class BrokerModeText
{
    public static string Describe(this BrokerMode mode) => mode switch
    {
        BrokerMode.AlpacaPaper => "Alpaca paper",
        BrokerMode.AlpacaLive => "Alpaca live (real money)",
        _ => "Simulated (offline)",
    };
}
