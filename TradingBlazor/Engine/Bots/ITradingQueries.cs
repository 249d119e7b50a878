using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Engine.Bots;

/// <summary>Filters shared by the signal, order and trade lists (all optional; times are UTC).</summary>
public sealed record TradingFilter(long? BotId = null, string? Symbol = null, DateTime? FromUtc = null, DateTime? ToUtc = null, int Limit = 500);

public sealed record SignalView(
    long Id, long? BotId, string Symbol, DateTime TimeUtc, SignalAction Action, double Confidence, string? Source,
    IReadOnlyDictionary<string, double?> Values, bool Executed, string? Outcome, string? ClientOrderId)
{
    /// <summary>An ML signal's model, features hash and (once known) outcome.</summary>
    public Domain.ML.MlPrediction? Prediction { get; init; }
}

public sealed record OrderView(
    long Id, long? BotId, string ClientOrderId, string? BrokerOrderId, string Symbol, OrderSide Side, decimal Quantity,
    decimal? Notional, OrderStatus Status, decimal FilledQuantity, decimal? AverageFillPrice, string? RejectReason,
    DateTime CreatedUtc, DateTime UpdatedUtc);

public sealed record PositionView(long? BotId, string? BotName, string Symbol, decimal Quantity, decimal AveragePrice, DateTime OpenedUtc, bool Unmanaged);

public sealed record TradeView(
    long Id, long? BotId, string? BotName, string Symbol, decimal Quantity, decimal EntryPrice, DateTime EntryUtc, decimal? ExitPrice,
    DateTime? ExitUtc, decimal? RealizedPnl, decimal Fees, string? ExitReason, IReadOnlyDictionary<string, double?> EntryValues);

/// <summary>Read side of the trading records (signals, orders, positions, trades) for the API and the UI.</summary>
public interface ITradingQueries
{
    /// <summary>The latest signals, newest first.</summary>
    Task<IReadOnlyList<SignalView>> SignalsAsync(TradingFilter filter, CancellationToken ct = default);

    Task<IReadOnlyList<OrderView>> OrdersAsync(TradingFilter filter, CancellationToken ct = default);

    /// <summary>Open positions of every bot, plus broker positions no bot knows (unmanaged, never traded).</summary>
    Task<IReadOnlyList<PositionView>> PositionsAsync(long? botId = null, CancellationToken ct = default);

    /// <summary>Round trips, newest first (open ones have no exit yet).</summary>
    Task<IReadOnlyList<TradeView>> TradesAsync(TradingFilter filter, CancellationToken ct = default);
}
