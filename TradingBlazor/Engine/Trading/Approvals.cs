using TradingBlazor.Domain.Execution;
using TradingBlazor.Domain.Strategies;

namespace TradingBlazor.Engine.Trading;

/// <summary>What became of a signal that waited for the trader.</summary>
public enum ApprovalStatus
{
    Pending,
    /// <summary>Approved, checked again and sent.</summary>
    Approved,
    Rejected,
    Expired,
    /// <summary>Approved, but refused by the checks at approval time (risk, window, position, price drift).</summary>
    Refused,
}

/// <summary>A signal waiting for the trader, with the order it would place, the price it was decided at and why it waits.</summary>
public sealed record ApprovalRequest(OrderRequest Order, decimal Price, string Reason, DateTime RequestedUtc, DateTime ExpiresUtc)
{
    public string ClientOrderId => Order.ClientOrderId;
    public Signal Signal => Order.Signal!;
}

/// <summary>A decision on a waiting signal: by whom ("trader", an API key's name, "engine" for expiry), when, and the outcome.</summary>
public sealed record ApprovalDecision(string ClientOrderId, ApprovalStatus Status, string By, string? Note, string Outcome, DateTime AtUtc);
