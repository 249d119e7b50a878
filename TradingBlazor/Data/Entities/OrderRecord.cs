using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Data.Entities;

/// <summary>
/// An order as we know it. It is written with its deterministic client order id before it is sent,
/// so a crash between sending and hearing back can always be reconciled by that id.
/// </summary>
public sealed class OrderRecord : IBotRecord
{
    public long Id { get; set; }
    public long? BotId { get; set; }
    public required string ClientOrderId { get; set; }
    public string? BrokerOrderId { get; set; }
    public required string Symbol { get; set; }
    public OrderSide Side { get; set; }
    public OrderType Type { get; set; }
    public TimeInForce TimeInForce { get; set; }
    /// <summary>Shares asked for (0 for a notional order until it fills).</summary>
    public decimal Quantity { get; set; }
    /// <summary>Dollar amount of a notional order (the broker turns it into shares at the fill price).</summary>
    public decimal? Notional { get; set; }
    public decimal? LimitPrice { get; set; }
    public decimal? StopPrice { get; set; }
    public OrderStatus Status { get; set; } = OrderStatus.Pending;
    public decimal FilledQuantity { get; set; }
    public decimal? AverageFillPrice { get; set; }
    public string? RejectReason { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<FillRecord> Fills { get; set; } = new();
}
