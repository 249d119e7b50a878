using System.Runtime.CompilerServices;
using TradingBlazor.Data.Entities;
using TradingBlazor.Domain.Execution;
using TradingBlazor.Domain.Risk;
using TradingBlazor.Domain.Strategies;
using TradingBlazor.Engine.Trading;

namespace TradingBlazor.Engine.Bots;

// Halts set by the trader (per bot or by the kill switch) and the broker account's own rules, on the bots' threads.
public sealed partial class BotRuntime
{
    private static readonly TimeSpan FlatWait = TimeSpan.FromSeconds(10);
    // One guard per broker account, so every bot on it counts the same day trades; dropped with the session's broker.
    private readonly ConditionalWeakTable<IBrokerage, PatternDayTraderGuard> _dayTradeGuards = new();

    /// <summary>
    /// Halts a running bot: cancels its open orders at its broker, makes it reduce-only with <paramref name="reason"/>
    /// (an existing halt is kept unless <paramref name="replace"/>), stores the halt, and sells its positions if asked.
    /// </summary>
    public Task HaltAsync(long botId, string reason, bool flatten, bool replace = true) =>
        Worker(botId) is { } worker ? worker.RunAsync(p => HaltAsync(worker, p, reason, flatten, replace)) : Task.CompletedTask;

    private async ValueTask HaltAsync(BotWorker worker, BotPipeline p, string reason, bool flatten, bool replace)
    {
        await CancelOpenOrdersAsync(worker.BotId, p);
        if (replace || p.Risk.State.Halted is null)
        {
            p.Risk.State.Halted = reason;
            await JournalHaltAsync(worker, p, reason);
        }
        if (flatten) await FlattenAsync(p, $"flatten ({reason})");
    }

    /// <summary>Clears a running bot's halts: both, or only the reduce-only halt when it is <paramref name="onlyReason"/>.</summary>
    public Task ClearHaltAsync(long botId, string by, string? onlyReason = null) =>
        Worker(botId) is { } worker ? worker.RunAsync(async p =>
        {
            var state = p.Risk.State;
            if (onlyReason is not null && state.Halted != onlyReason) return;
            state.Halted = null;
            if (onlyReason is null) state.RestoreEntriesHalt(null);
            await JournalHaltAsync(worker, p, $"cleared by {by}");
        }) : Task.CompletedTask;

    /// <summary>
    /// Waits (briefly) until a running bot holds nothing and has no order open (or, given a symbol, none in it): a live
    /// broker's sales fill asynchronously.
    /// </summary>
    public async Task WaitFlatAsync(long botId, CancellationToken ct = default, string? symbol = null)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew(); // real time: the simulated clock may run faster
        while (Worker(botId) is { } worker)
        {
            bool flat = false;
            await worker.RunAsync(p =>
            {
                flat = symbol is null ? p.Ledger.Positions.Count == 0 && !p.Ledger.OpenOrderIds.Any() : p.Ledger.HeldQuantity(symbol) == 0m && !p.Ledger.HasOpenOrder(symbol);
                return default;
            });
            if (flat || waited.Elapsed > FlatWait) return;
            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }
    }

    // A copy: a simulated cancel reports at once and removes the order from the book.
    private Task CancelOpenOrdersAsync(long botId, BotPipeline p) => CancelAsync(botId, p, p.Ledger.OpenOrderIds.ToList());

    private async Task CancelAsync(long botId, BotPipeline p, IReadOnlyList<string> clientOrderIds)
    {
        foreach (var id in clientOrderIds)
        {
            try { await p.Orders.Broker.CancelAsync(id); }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One failed cancel must not leave the others open.
                _log.LogError(ex, "Bot {BotId} could not cancel order {ClientOrderId} at {Broker}", botId, id, p.Orders.Broker.Name);
            }
        }
        await p.Orders.FlushAsync();
    }

    private static ValueTask JournalHaltAsync(BotWorker worker, BotPipeline p, string reason) =>
        worker.Journal?.HaltChangedAsync(p.Risk.State.Halted, p.Risk.State.EntriesHaltedFor, reason) ?? default;

    // The halts a restart must not forget: reduce-only until cleared, and the daily-loss halt of its session.
    private static void RestoreHalts(BotPipeline pipeline, BotRecord record)
    {
        pipeline.Risk.State.Halted = record.Halt;
        pipeline.Risk.State.RestoreEntriesHalt(record.EntriesHaltedFor);
    }

    private async Task<Func<Signal, RiskRejection?>> DayTradeGuardAsync(LiveVenue live, CancellationToken ct)
    {
        var guard = _dayTradeGuards.GetValue(live.Broker, b => new PatternDayTraderGuard(b, _db, _calendar, live.Clock, _log));
        await guard.RefreshAsync(ct);
        return guard.Check;
    }
}
