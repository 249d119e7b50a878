namespace TradingBlazor.Data.Entities;

/// <summary>One OHLCV bar; (symbol, timeframe, timestamp) is unique, so re-imports upsert instead of duplicating.</summary>
public sealed class PriceBarRecord
{
    public long Id { get; set; }
    public required string Symbol { get; set; }
    /// <summary>Timeframe code: 1m, 5m, 15m, 1h, 1d.</summary>
    public required string Timeframe { get; set; }
    /// <summary>Bar start, UTC.</summary>
    public DateTime Timestamp { get; set; }
    public decimal Open { get; set; }
    public decimal High { get; set; }
    public decimal Low { get; set; }
    public decimal Close { get; set; }
    public decimal Volume { get; set; }
    public decimal? Vwap { get; set; }
    public long? TradeCount { get; set; }
}
