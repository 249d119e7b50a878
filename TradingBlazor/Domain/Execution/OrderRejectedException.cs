namespace TradingBlazor.Domain.Execution;

/// <summary>The broker answered and refused the order (e.g. not enough buying power): it was never placed.</summary>
public sealed class OrderRejectedException(string clientOrderId, string reason, Exception? inner = null)
    : Exception($"Order {clientOrderId} was rejected: {reason}", inner)
{
    public string ClientOrderId { get; } = clientOrderId;
    public string Reason { get; } = reason;
}
