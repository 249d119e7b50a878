namespace TradingBlazor.Adapters.Alpaca.Streaming;

/// <summary>A trade print from the market data stream (T = "t").</summary>
public sealed record StreamTrade(string Symbol, decimal Price, decimal Size, DateTime TimeUtc, long? Id);

/// <summary>A top-of-book quote (T = "q"). A zero price means no bid or ask.</summary>
public sealed record StreamQuote(string Symbol, decimal BidPrice, decimal BidSize, decimal AskPrice, decimal AskSize, DateTime TimeUtc);

/// <summary>
/// One trade_updates event. For fills, <see cref="Qty"/> and <see cref="Price"/> describe this execution and
/// <see cref="PositionQty"/> the position after it; the order carries the cumulative filled_qty and average price.
/// </summary>
public sealed record AlpacaTradeUpdate
{
    public string Event { get; init; } = "";
    public string? ExecutionId { get; init; }
    public AlpacaOrder Order { get; init; } = new();
    public DateTime? Timestamp { get; init; }
    public decimal? Price { get; init; }
    public decimal? Qty { get; init; }
    public decimal? PositionQty { get; init; }

    public bool IsFill => Event is "fill" or "partial_fill";
}
