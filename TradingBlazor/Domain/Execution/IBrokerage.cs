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

public sealed record BrokerAccount(string Status, decimal Cash, decimal Equity, decimal BuyingPower);

/// <summary>A position; <see cref="Quantity"/> is negative for a short.</summary>
public sealed record BrokerPosition(string Symbol, decimal Quantity, decimal AveragePrice, decimal? MarketPrice);

public sealed record BrokerOrder(
    string BrokerOrderId, string ClientOrderId, string Symbol, OrderSide Side, decimal? Quantity, decimal? Notional,
    decimal FilledQuantity, decimal? AverageFillPrice, OrderStatus Status, DateTime? SubmittedUtc);
