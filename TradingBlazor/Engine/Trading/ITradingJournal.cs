using TradingBlazor.Domain.Execution;
using TradingBlazor.Domain.Risk;
using TradingBlazor.Domain.Strategies;

namespace TradingBlazor.Engine.Trading;

/// <summary>
/// Every signal, whatever became of it: executed (with the order it produced), refused by the risk engine (why),
/// or waiting for the trader's approval.
/// </summary>
public sealed record SignalOutcome(Signal Signal, bool Executed, RiskRejection? Rejection, string? ClientOrderId = null, bool AwaitingApproval = false);

/// <summary>
/// Where a bot's pipeline records what it does, in order: in memory for a backtest, in SQLite (and on the event bus)
/// for a live or replayed bot. <see cref="OrderCreatedAsync"/> completes before the order is sent, so an order the
/// broker may have received is always on record.
/// </summary>
public interface ITradingJournal
{
    ValueTask SignalAsync(SignalOutcome outcome);

    ValueTask OrderCreatedAsync(OrderRequest order, decimal decisionPrice);

    ValueTask OrderChangedAsync(BrokerOrder order);

    /// <summary>A new execution (never one already booked), the round trip it closed, and the bot's book after it.</summary>
    ValueTask FillAsync(Fill fill, ClosedTrade? closed, BotLedger ledger);

    ValueTask ApprovalRequestedAsync(ApprovalRequest request) => default;

    ValueTask ApprovalResolvedAsync(ApprovalDecision decision) => default;

    /// <summary>The bot's halts changed: reduce-only (<paramref name="halted"/>) or entries halted for a session.</summary>
    ValueTask HaltChangedAsync(string? halted, DateOnly? entriesHaltedFor, string? reason) => default;
}

/// <summary>A backtest's journal: keeps the signals for the result (fills and trades are in the ledger).</summary>
public sealed class MemoryJournal : ITradingJournal
{
    public List<SignalOutcome> Signals { get; } = new();

    public ValueTask SignalAsync(SignalOutcome outcome)
    {
        Signals.Add(outcome);
        return default;
    }

    public ValueTask OrderCreatedAsync(OrderRequest order, decimal decisionPrice) => default;

    public ValueTask OrderChangedAsync(BrokerOrder order) => default;

    public ValueTask FillAsync(Fill fill, ClosedTrade? closed, BotLedger ledger) => default;
}

/// <summary>Two journals in one (a replay keeps its result in memory and its records in the store).</summary>
public sealed class TeeJournal(ITradingJournal first, ITradingJournal second) : ITradingJournal
{
    public async ValueTask SignalAsync(SignalOutcome outcome)
    {
        await first.SignalAsync(outcome);
        await second.SignalAsync(outcome);
    }

    public async ValueTask OrderCreatedAsync(OrderRequest order, decimal decisionPrice)
    {
        await first.OrderCreatedAsync(order, decisionPrice);
        await second.OrderCreatedAsync(order, decisionPrice);
    }

    public async ValueTask OrderChangedAsync(BrokerOrder order)
    {
        await first.OrderChangedAsync(order);
        await second.OrderChangedAsync(order);
    }

    public async ValueTask FillAsync(Fill fill, ClosedTrade? closed, BotLedger ledger)
    {
        await first.FillAsync(fill, closed, ledger);
        await second.FillAsync(fill, closed, ledger);
    }

    public async ValueTask ApprovalRequestedAsync(ApprovalRequest request)
    {
        await first.ApprovalRequestedAsync(request);
        await second.ApprovalRequestedAsync(request);
    }

    public async ValueTask ApprovalResolvedAsync(ApprovalDecision decision)
    {
        await first.ApprovalResolvedAsync(decision);
        await second.ApprovalResolvedAsync(decision);
    }

    public async ValueTask HaltChangedAsync(string? halted, DateOnly? entriesHaltedFor, string? reason)
    {
        await first.HaltChangedAsync(halted, entriesHaltedFor, reason);
        await second.HaltChangedAsync(halted, entriesHaltedFor, reason);
    }
}
