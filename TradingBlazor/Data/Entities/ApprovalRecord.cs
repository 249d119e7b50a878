using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Trading;

namespace TradingBlazor.Data.Entities;

/// <summary>A signal that waited for the trader: the order it proposed, why it waited, and the audited decision.</summary>
public sealed class ApprovalRecord
{
    public long Id { get; set; }
    public long BotId { get; set; }
    /// <summary>The proposed order's id (unique): approving sends exactly this order, once.</summary>
    public required string ClientOrderId { get; set; }
    public long? SignalId { get; set; }
    public required string Symbol { get; set; }
    public SignalAction Action { get; set; }
    public decimal? Quantity { get; set; }
    public decimal? Notional { get; set; }
    /// <summary>The close the signal was decided at (price drift is measured from it).</summary>
    public decimal Price { get; set; }
    public double Confidence { get; set; }
    public required string Reason { get; set; }
    public Dictionary<string, double?> Values { get; set; } = new();
    public ApprovalStatus Status { get; set; } = ApprovalStatus.Pending;
    public DateTime RequestedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    /// <summary>"trader", an API key's name, or "engine" (expiry).</summary>
    public string? DecidedBy { get; set; }
    public string? Note { get; set; }
    public string? Outcome { get; set; }
}
