using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Domain.Execution;

/// <summary>
/// A broker account the engine trades through (Alpaca paper/live; the simulated broker for offline runs).
/// Contract: <see cref="SubmitAsync"/> places an order at most once per client order id, whatever the network does, and
/// <see cref="Filled"/> reports every execution exactly once, including the ones that happened while disconnected.
/// </summary>
public interface IBrokerage
{
    string Name { get; }

    bool IsSimulated { get; }

    Task<BrokerAccount> GetAccountAsync(CancellationToken ct = default);

    Task<IReadOnlyList<BrokerPosition>> GetPositionsAsync(CancellationToken ct = default);

    Task<BrokerOrder> SubmitAsync(OrderRequest order, CancellationToken ct = default);

    Task<BrokerOrder?> FindAsync(string clientOrderId, CancellationToken ct = default);

    Task CancelAsync(string clientOrderId, CancellationToken ct = default);

    event Action<Fill>? Filled;

    event Action<BrokerOrder>? OrderChanged;
}

/// <summary>
/// A broker whose fills happen as bars pass (the simulated broker, as LEAN's backtesting brokerage): the pipeline calls
/// these hooks for every bar, so backtests, replays and the offline market fill by the same rules.
/// </summary>
public interface IBarDrivenBrokerage : IBrokerage
{
    /// <summary>A bar opens: orders waiting for the next open fill, then protective exits are checked against the bar.</summary>
    void OnBarOpen(string symbol, Bar bar, int barIndex, double atr);

    /// <summary>The bar has closed: positions are marked and trailing stops ratchet.</summary>
    void OnBarClose(string symbol, Bar bar);

    /// <summary>After the strategy decided on a bar: same-close timing fills here.</summary>
    void AfterDecision(string symbol, Bar bar, int barIndex, double atr);
}

public sealed record BrokerAccount(string Status, decimal Cash, decimal Equity, decimal BuyingPower);

/// <summary>A position; <see cref="Quantity"/> is negative for a short.</summary>
public sealed record BrokerPosition(string Symbol, decimal Quantity, decimal AveragePrice, decimal? MarketPrice);

public sealed record BrokerOrder(
    string BrokerOrderId, string ClientOrderId, string Symbol, OrderSide Side, decimal? Quantity, decimal? Notional,
    decimal FilledQuantity, decimal? AverageFillPrice, OrderStatus Status, DateTime? SubmittedUtc);
