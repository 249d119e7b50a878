using TradingBlazor.Domain.Execution;
using TradingBlazor.Domain.Risk;
using TradingBlazor.Engine.Trading;

namespace TradingBlazor.Engine.Events;

/// <summary>A bot's journal as engine events (after the store has them: the journal before it in the tee).</summary>
public sealed class EventJournal(TradingEventBus bus, long botId) : ITradingJournal
{
    private string? _halt;

    public ValueTask SignalAsync(SignalOutcome o)
    {
        var s = o.Signal;
        bus.Publish(TradingEventKind.SignalRaised, botId, new SignalRaised(s.Symbol, s.TimeUtc, s.Action, s.Confidence, s.Source, Finite(s.Values),
            o.Executed, o.AwaitingApproval, o.Rejection?.Message, o.ClientOrderId));
        // A halt set by the trader or the kill switch was announced when it was set: a signal it blocks is no news.
        if (o.Rejection is { } r && r.Message != _halt
            && (r.Code is RiskRejectionCode.MaxDrawdown or RiskRejectionCode.DailyLossLimit || (r.Code == RiskRejectionCode.BotHalted && _halt is null)))
        {
            _halt = r.Message;
            bus.Publish(TradingEventKind.RiskHalt, botId, new RiskHaltUpdate(r.Message));
        }
        return default;
    }

    // JSON has no NaN: a value still warming up travels as its absence.
    private static IReadOnlyDictionary<string, double> Finite(IReadOnlyDictionary<string, double> values) =>
        values.All(kv => double.IsFinite(kv.Value)) ? values : values.Where(kv => double.IsFinite(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value);

    public ValueTask OrderCreatedAsync(OrderRequest order, decimal decisionPrice)
    {
        bus.Publish(TradingEventKind.OrderSubmitted, botId, new OrderUpdate(order.ClientOrderId, order.Symbol, order.Side, order.Quantity, order.Notional,
            Domain.Trading.OrderStatus.Pending, 0m, null));
        return default;
    }

    public ValueTask OrderChangedAsync(BrokerOrder o)
    {
        bus.Publish(TradingEventKind.OrderChanged, botId, new OrderUpdate(o.ClientOrderId, o.Symbol, o.Side, o.Quantity, o.Notional, o.Status, o.FilledQuantity, o.AverageFillPrice));
        return default;
    }

    public ValueTask ApprovalRequestedAsync(ApprovalRequest r)
    {
        bus.Publish(TradingEventKind.ApprovalRequested, botId, new ApprovalUpdate(null, r.ClientOrderId, r.Order.Symbol, r.Signal.Action, r.Signal.Confidence,
            r.Price, ApprovalStatus.Pending.ToString(), r.Reason, r.ExpiresUtc, null, null));
        return default;
    }

    public ValueTask ApprovalResolvedAsync(ApprovalDecision d)
    {
        bus.Publish(TradingEventKind.ApprovalResolved, botId, new ApprovalUpdate(null, d.ClientOrderId, "", default, 0, 0m, d.Status.ToString(), d.Note ?? "",
            d.AtUtc, d.By, d.Outcome));
        return default;
    }

    public ValueTask FillAsync(Fill f, ClosedTrade? closed, BotLedger ledger)
    {
        bus.Publish(TradingEventKind.Fill, botId, new FillUpdate(f.ClientOrderId, f.ExecutionId, f.Symbol, f.Side, f.Quantity, f.Price, f.Fee, f.TimeUtc, f.Reason, closed?.Pnl));
        var held = ledger.Positions.GetValueOrDefault(f.Symbol);
        bus.Publish(TradingEventKind.PositionChanged, botId, new PositionUpdate(f.Symbol, held?.Quantity ?? 0m, held?.AveragePrice ?? 0m, held?.LastPrice ?? f.Price));
        return default;
    }

    public ValueTask HaltChangedAsync(string? halted, DateOnly? entriesHaltedFor, string? reason)
    {
        if (halted is null && entriesHaltedFor is null)
        {
            _halt = null; // cleared: the next halt is news again
            return default;
        }
        var why = reason ?? halted ?? $"entries halted for the session of {entriesHaltedFor:yyyy-MM-dd}";
        if (why == _halt) return default;
        _halt = why;
        bus.Publish(TradingEventKind.RiskHalt, botId, new RiskHaltUpdate(why));
        return default;
    }
}
