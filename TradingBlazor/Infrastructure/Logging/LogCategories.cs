namespace TradingBlazor.Infrastructure.Logging;

/// <summary>Logger categories with their own files.</summary>
public static class LogCategories
{
    /// <summary>Orders, fills and trades: also written to the separate trades log.</summary>
    public const string Trades = "TradingBlazor.Trades";
}
