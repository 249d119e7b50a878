namespace TradingBlazor.Domain.Trading;

public enum OrderSide
{
    Buy,
    Sell,
}

public enum OrderType
{
    Market,
    Limit,
    Stop,
    StopLimit,
    TrailingStop,
}

public enum TimeInForce
{
    Day,
    Gtc,
    Ioc,
    Fok,
    Opg,
    Cls,
}

public static class OrderStatusRules
{
    /// <summary>Nothing more can happen to the order: it filled, or it will never (fill further).</summary>
    public static bool IsFinal(this OrderStatus status) => status is OrderStatus.Filled or OrderStatus.Canceled or OrderStatus.Rejected or OrderStatus.Expired;
}

/// <summary>Our order lifecycle; broker-specific states map onto it at the adapter edge.</summary>
public enum OrderStatus
{
    /// <summary>Recorded locally (with its client order id) but not yet acknowledged by the broker.</summary>
    Pending,
    Accepted,
    PartiallyFilled,
    Filled,
    Canceled,
    Rejected,
    Expired,
}
