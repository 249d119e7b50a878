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
