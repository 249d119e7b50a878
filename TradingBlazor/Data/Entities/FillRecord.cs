using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Data.Entities;

/// <summary>One execution of an order. Positions are the sum of fills; the broker's execution id keeps it unique.</summary>
public sealed class FillRecord
{
    public long Id { get; set; }
    public long OrderId { get; set; }
    /// <summary>The broker's execution id; unique, so a replayed or reconciled fill is never counted twice.</summary>
    public string? ExecutionId { get; set; }
    public required string Symbol { get; set; }
    public OrderSide Side { get; set; }
    public decimal Quantity { get; set; }
    public decimal Price { get; set; }
    public decimal Fee { get; set; }
    public DateTime FilledAt { get; set; }
    /// <summary>Why it happened: entry, signal, stop, target, trailing stop, flatten...</summary>
    public string? Reason { get; set; }

    public OrderRecord? Order { get; set; }
}
