using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Engine.Events;

/// <summary>What happened in the engine. Razor components and the <c>/ws</c> socket receive the same events.</summary>
public enum TradingEventKind
{
    SignalRaised,
    OrderSubmitted,
    OrderChanged,
    Fill,
    PositionChanged,
    BotStatusChanged,
    RiskHalt,
    ApprovalRequested,
    ApprovalResolved,
    KillSwitch,
}

/// <summary>
/// One engine event with its place in the app's sequence (1, 2, 3... since start): a client that reconnects asks for
/// what came after the last sequence it saw. <see cref="Data"/> is one of the payload records below.
/// </summary>
public sealed record TradingEvent(long Sequence, DateTime TimeUtc, TradingEventKind Kind, long? BotId, object Data);

public sealed record SignalRaised(
    string Symbol, DateTime BarUtc, SignalAction Action, double Confidence, string Source, IReadOnlyDictionary<string, double> Values,
    bool Executed, bool AwaitingApproval, string? Rejection, string? ClientOrderId);

public sealed record OrderUpdate(
    string ClientOrderId, string Symbol, OrderSide Side, decimal? Quantity, decimal? Notional, OrderStatus Status,
    decimal FilledQuantity, decimal? AverageFillPrice);

public sealed record FillUpdate(
    string ClientOrderId, string ExecutionId, string Symbol, OrderSide Side, decimal Quantity, decimal Price, decimal Fee,
    DateTime TimeUtc, string Reason, decimal? RealizedPnl);

public sealed record PositionUpdate(string Symbol, decimal Quantity, decimal AveragePrice, decimal LastPrice);

public sealed record BotStatusUpdate(string Name, BotStatus Status, string? Reason);

public sealed record RiskHaltUpdate(string Reason);

public sealed record ApprovalUpdate(
    long? ApprovalId, string ClientOrderId, string Symbol, SignalAction Action, double Confidence, decimal Price, string Status,
    string Reason, DateTime ExpiresUtc, string? By, string? Outcome);

public sealed record KillSwitchUpdate(bool Engaged, string By, bool Flattened);
