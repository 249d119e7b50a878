namespace TradingBlazor.Data.Entities;

/// <summary>A bot's current holding in one symbol (one row per bot and symbol).</summary>
public sealed class PositionRecord
{
    public long Id { get; set; }
    public long? BotId { get; set; }
    public required string Symbol { get; set; }
    public decimal Quantity { get; set; }
    public decimal AverageEntryPrice { get; set; }
    public DateTime OpenedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
