using Microsoft.EntityFrameworkCore;
using TradingBlazor.Data.Entities;
using TradingBlazor.Domain.Execution;
using TradingBlazor.Domain.Time;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Trading;

namespace TradingBlazor.Data.Trading;

/// <summary>
/// A bot's journal in SQLite: signals with their values, orders (stored before they are sent), fills (once each, by
/// execution id), the bot's positions (the sum of its fills) and its round trips. Each write is its own transaction,
/// so a crash leaves the store at a record boundary.
/// </summary>
public sealed class StoreJournal : ITradingJournal
{
    private readonly IDbContextFactory<TradingDbContext> _db;
    private readonly long _botId;
    private readonly TimeProvider _clock;

    public StoreJournal(IDbContextFactory<TradingDbContext> db, long botId, TimeProvider clock)
    {
        _db = db;
        _botId = botId;
        _clock = clock;
    }

    public async ValueTask SignalAsync(SignalOutcome outcome)
    {
        var s = outcome.Signal;
        await using var db = await _db.CreateDbContextAsync();
        db.Signals.Add(new SignalRecord
        {
            BotId = _botId, Symbol = s.Symbol, Timestamp = s.TimeUtc, Action = s.Action, Confidence = s.Confidence, Source = s.Source,
            Values = Stored(s.Values),
            Executed = outcome.Executed, ClientOrderId = outcome.ClientOrderId, Outcome = Describe(outcome),
            PredictionModel = s.Prediction?.Model, FeaturesHash = s.Prediction?.FeaturesHash, LabelHorizon = s.Prediction?.Horizon,
        });
        await db.SaveChangesAsync();
    }

    public static string Describe(SignalOutcome o) =>
        o.Executed ? "executed" : o.AwaitingApproval ? "awaiting approval" : o.Rejection is { } r ? $"{r.Code}: {r.Message}" : "not executed";

    public async ValueTask OrderCreatedAsync(OrderRequest order, decimal decisionPrice)
    {
        await using var db = await _db.CreateDbContextAsync();
        if (await db.Orders.AnyAsync(o => o.ClientOrderId == order.ClientOrderId)) return; // decided again after a restart
        db.Orders.Add(NewOrder(order.ClientOrderId, order.Symbol, order.Side, order.Quantity ?? 0m, order.Notional));
        await db.SaveChangesAsync();
    }

    public async ValueTask OrderChangedAsync(BrokerOrder order)
    {
        await using var db = await _db.CreateDbContextAsync();
        var row = await db.Orders.SingleOrDefaultAsync(o => o.ClientOrderId == order.ClientOrderId);
        if (row is null) db.Orders.Add(row = NewOrder(order.ClientOrderId, order.Symbol, order.Side, order.Quantity ?? 0m, order.Notional));
        row.BrokerOrderId = order.BrokerOrderId;
        // A late, stale report never moves an order back from a final state.
        if (!row.Status.IsFinal() || order.Status.IsFinal()) row.Status = order.Status;
        row.FilledQuantity = Math.Max(row.FilledQuantity, order.FilledQuantity);
        row.AverageFillPrice = Money(order.AverageFillPrice) ?? row.AverageFillPrice;
        row.SubmittedAt ??= order.SubmittedUtc ?? _clock.UtcNow();
        row.UpdatedAt = _clock.UtcNow();
        await db.SaveChangesAsync();
    }

    public async ValueTask FillAsync(Fill fill, ClosedTrade? closed, BotLedger ledger)
    {
        await using var db = await _db.CreateDbContextAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        if (await db.Fills.AnyAsync(f => f.ExecutionId == fill.ExecutionId)) return;
        var order = await db.Orders.SingleOrDefaultAsync(o => o.ClientOrderId == fill.ClientOrderId);
        if (order is null)
        {
            // An exit the broker triggered (stop, target) has no order of ours yet.
            db.Orders.Add(order = NewOrder(fill.ClientOrderId, fill.Symbol, fill.Side, fill.Quantity, null));
            order.Status = OrderStatus.Filled;
            order.SubmittedAt = fill.TimeUtc;
            await db.SaveChangesAsync();
        }
        db.Fills.Add(new FillRecord
        {
            OrderId = order.Id, ExecutionId = fill.ExecutionId, Symbol = fill.Symbol, Side = fill.Side, Quantity = fill.Quantity,
            Price = Money(fill.Price), Fee = Money(fill.Fee), FilledAt = fill.TimeUtc, Reason = fill.Reason,
        });
        await SyncPositionAsync(db, fill.Symbol, ledger);
        await BookTradeAsync(db, fill, closed, ledger);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
    }

    private async Task SyncPositionAsync(TradingDbContext db, string symbol, BotLedger ledger)
    {
        var row = await db.Positions.SingleOrDefaultAsync(p => p.BotId == _botId && p.Symbol == symbol);
        if (!ledger.Positions.TryGetValue(symbol, out var held))
        {
            if (row is not null) db.Positions.Remove(row);
            return;
        }
        if (row is null) db.Positions.Add(row = new PositionRecord { BotId = _botId, Symbol = symbol, OpenedAt = held.EntryTime });
        row.Quantity = held.Quantity;
        row.AverageEntryPrice = Money(held.AveragePrice);
        row.UpdatedAt = _clock.UtcNow();
    }

    private async Task BookTradeAsync(TradingDbContext db, Fill fill, ClosedTrade? closed, BotLedger ledger)
    {
        var open = await db.Trades.Where(t => t.BotId == _botId && t.Symbol == fill.Symbol && t.ExitAt == null).OrderByDescending(t => t.Id).FirstOrDefaultAsync();
        if (fill.Side == OrderSide.Buy)
        {
            var held = ledger.Positions[fill.Symbol];
            if (open is null)
            {
                long? signalId = await db.Signals.Where(s => s.BotId == _botId && s.ClientOrderId == fill.ClientOrderId).Select(s => (long?)s.Id).FirstOrDefaultAsync();
                db.Trades.Add(open = new TradeRecord
                {
                    BotId = _botId, Symbol = fill.Symbol, EntryAt = held.EntryTime, EntryClientOrderId = fill.ClientOrderId, EntrySignalId = signalId,
                    IndicatorSnapshot = held.EntrySignal is { } entry ? Stored(entry.Values) : new(),
                });
            }
            open.Quantity = held.Quantity;
            open.EntryPrice = Money(held.AveragePrice);
            open.Fees = Money(held.EntryFees);
            return;
        }
        if (closed is null || open is null) return;
        // A sale filled in parts adds up; the round trip closes when nothing of it is held any more.
        bool first = open.RealizedPnl is null;
        decimal sold = first ? closed.Quantity : (open.ExitQuantity ?? 0m) + closed.Quantity;
        open.ExitPrice = Money(first ? closed.ExitPrice : ((open.ExitPrice ?? 0m) * (open.ExitQuantity ?? 0m) + closed.ExitPrice * closed.Quantity) / sold);
        open.ExitQuantity = sold;
        open.RealizedPnl = Money((open.RealizedPnl ?? 0m) + closed.Pnl);
        open.Fees = Money((first ? 0m : open.Fees) + closed.Fees);
        open.ExitReason = closed.ExitReason;
        if (!ledger.Positions.ContainsKey(fill.Symbol))
        {
            open.Quantity = sold;
            open.ExitAt = closed.ExitTimeUtc;
        }
    }

    public async ValueTask ApprovalRequestedAsync(ApprovalRequest r)
    {
        await using var db = await _db.CreateDbContextAsync();
        if (await db.Approvals.AnyAsync(a => a.ClientOrderId == r.ClientOrderId)) return;
        long? signalId = await db.Signals.Where(s => s.BotId == _botId && s.ClientOrderId == r.ClientOrderId).Select(s => (long?)s.Id).FirstOrDefaultAsync();
        db.Approvals.Add(new ApprovalRecord
        {
            BotId = _botId, ClientOrderId = r.ClientOrderId, SignalId = signalId, Symbol = r.Order.Symbol, Action = r.Signal.Action,
            Quantity = r.Order.Quantity, Notional = Money(r.Order.Notional), Price = Money(r.Price), Confidence = r.Signal.Confidence, Reason = r.Reason,
            Values = Stored(r.Signal.Values),
            RequestedAt = r.RequestedUtc, ExpiresAt = r.ExpiresUtc,
        });
        await db.SaveChangesAsync();
    }

    public async ValueTask ApprovalResolvedAsync(ApprovalDecision d)
    {
        await using var db = await _db.CreateDbContextAsync();
        var row = await db.Approvals.SingleOrDefaultAsync(a => a.ClientOrderId == d.ClientOrderId);
        if (row is null || row.Status != ApprovalStatus.Pending) return;
        row.Status = d.Status;
        row.DecidedAt = d.AtUtc;
        row.DecidedBy = d.By;
        row.Note = d.Note;
        row.Outcome = d.Outcome;
        // The decision is kept with the signal too: its outcome says who decided what.
        if (row.SignalId is { } id && await db.Signals.FindAsync(id) is { } signal)
        {
            signal.Executed = d.Status == ApprovalStatus.Approved;
            signal.Outcome = $"{d.Status.ToString().ToLowerInvariant()} by {d.By}: {d.Outcome}";
        }
        await db.SaveChangesAsync();
    }

    private OrderRecord NewOrder(string clientOrderId, string symbol, OrderSide side, decimal quantity, decimal? notional)
    {
        var now = _clock.UtcNow();
        return new OrderRecord
        {
            BotId = _botId, ClientOrderId = clientOrderId, Symbol = symbol, Side = side, Type = OrderType.Market, TimeInForce = TimeInForce.Day,
            Quantity = quantity, Notional = Money(notional), Status = OrderStatus.Pending, CreatedAt = now, UpdatedAt = now,
        };
    }

    // A value still warming up (NaN) is stored as null: the snapshot column is JSON.
    private static Dictionary<string, double?> Stored(IReadOnlyDictionary<string, double> values) =>
        values.ToDictionary(kv => kv.Key, kv => double.IsFinite(kv.Value) ? kv.Value : (double?)null);

    // The store keeps money to 1e-8 (its scaled-integer columns); derived values (average cost, P&L, percentage fees) can carry more digits.
    private static decimal Money(decimal value) => Math.Round(value, 8, MidpointRounding.ToEven);

    private static decimal? Money(decimal? value) => value is { } v ? Money(v) : null;


    public async ValueTask HaltChangedAsync(string? halted, DateOnly? entriesHaltedFor, string? reason)
    {
        await using var db = await _db.CreateDbContextAsync();
        await db.Bots.Where(b => b.Id == _botId)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Halt, halted).SetProperty(b => b.EntriesHaltedFor, entriesHaltedFor));
    }
}
