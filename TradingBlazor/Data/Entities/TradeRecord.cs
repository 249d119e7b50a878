namespace TradingBlazor.Data.Entities;

/// <summary>A round trip: entry and (once closed) exit, with the indicator values that triggered the entry.</summary>
public sealed class TradeRecord : IBotRecord
{
    public long Id { get; set; }
    public long? BotId { get; set; }
    public required string Symbol { get; set; }
    public decimal Quantity { get; set; }
    public decimal EntryPrice { get; set; }
    public DateTime EntryAt { get; set; }
    public decimal? ExitPrice { get; set; }
    public DateTime? ExitAt { get; set; }
    /// <summary>Shares sold so far (a sale can fill in parts).</summary>
    public decimal? ExitQuantity { get; set; }
    /// <summary>Realized profit and loss net of fees; null while the trade is open.</summary>
    public decimal? RealizedPnl { get; set; }
    public decimal Fees { get; set; }
    public string? ExitReason { get; set; }
    /// <summary>The client order id of the entry, which links the trade to its order and signal.</summary>
    public string? EntryClientOrderId { get; set; }
    public long? EntrySignalId { get; set; }
    public Dictionary<string, double?> IndicatorSnapshot { get; set; } = new();
}
