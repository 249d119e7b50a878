using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using TradingBlazor.Data.Entities;
using TradingBlazor.Data;
using TradingBlazor.Domain.Execution;

namespace TradingBlazor.Engine.Bots;

/// <summary>The trading records as the API and the UI read them (newest first, bounded by the filter's limit).</summary>
public sealed class TradingQueries(IDbContextFactory<TradingDbContext> db, BotRuntime runtime, ILogger<TradingQueries> log) : ITradingQueries
{
    // The filter on any record with a bot and a symbol; time is the column the range applies to (signal bar, order creation, entry).
    private static IQueryable<T> Filtered<T>(DbSet<T> set, TradingFilter f, Expression<Func<T, DateTime>> time) where T : class, IBotRecord
    {
        var q = set.AsNoTracking().AsQueryable();
        if (f.BotId is { } bot) q = q.Where(r => r.BotId == bot);
        if (f.Symbol is { } sym)
        {
            var symbol = sym.ToUpperInvariant();
            q = q.Where(r => r.Symbol == symbol);
        }
        if (f.FromUtc is { } from) q = q.Where(Compare(time, from, Expression.GreaterThanOrEqual));
        if (f.ToUtc is { } to) q = q.Where(Compare(time, to, Expression.LessThan));
        return q;
    }

    private static Expression<Func<T, bool>> Compare<T>(Expression<Func<T, DateTime>> time, DateTime value, Func<Expression, Expression, BinaryExpression> op) =>
        Expression.Lambda<Func<T, bool>>(op(time.Body, Expression.Constant(value)), time.Parameters);

    public async Task<IReadOnlyList<SignalView>> SignalsAsync(TradingFilter f, CancellationToken ct = default)
    {
        await using var c = await db.CreateDbContextAsync(ct);
        var rows = await Filtered(c.Signals, f, s => s.Timestamp).OrderByDescending(s => s.Id).Take(f.Limit).ToListAsync(ct);
        return rows.Select(s => new SignalView(s.Id, s.BotId, s.Symbol, s.Timestamp, s.Action, s.Confidence, s.Source, s.Values, s.Executed, s.Outcome, s.ClientOrderId) { Prediction = s.Prediction() }).ToList();
    }

    public async Task<IReadOnlyList<OrderView>> OrdersAsync(TradingFilter f, CancellationToken ct = default)
    {
        await using var c = await db.CreateDbContextAsync(ct);
        var rows = await Filtered(c.Orders, f, o => o.CreatedAt).OrderByDescending(o => o.Id).Take(f.Limit).ToListAsync(ct);
        return rows.Select(o => new OrderView(o.Id, o.BotId, o.ClientOrderId, o.BrokerOrderId, o.Symbol, o.Side, o.Quantity, o.Notional, o.Status,
            o.FilledQuantity, o.AverageFillPrice, o.RejectReason, o.CreatedAt, o.UpdatedAt)).ToList();
    }

    public async Task<IReadOnlyList<PositionView>> PositionsAsync(long? botId = null, CancellationToken ct = default)
    {
        await using var c = await db.CreateDbContextAsync(ct);
        var names = await c.Bots.AsNoTracking().ToDictionaryAsync(b => b.Id, b => b.Name, ct);
        var q = c.Positions.AsNoTracking().AsQueryable();
        if (botId is { } id) q = q.Where(p => p.BotId == id);
        var rows = await q.OrderBy(p => p.BotId).ThenBy(p => p.Symbol).ToListAsync(ct);
        var list = rows.Select(p => new PositionView(p.BotId, p.BotId is { } b ? names.GetValueOrDefault(b) : null, p.Symbol, p.Quantity, p.AverageEntryPrice, p.OpenedAt, false)).ToList();
        if (botId is null && runtime.LiveBroker() is { } broker)
        {
            // The account's positions against the bots trading on it (demo bots hold only simulated shares).
            var demo = await c.Bots.Where(b => b.IsDemo).Select(b => (long?)b.Id).ToListAsync(ct);
            try { list.AddRange(await UnmanagedAsync(broker, list.Where(p => !demo.Contains(p.BotId)).ToList(), ct)); }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The bots' positions are still worth showing when the broker does not answer.
                log.LogWarning(ex, "Could not read {Broker}'s positions for the unmanaged ones", broker.Name);
            }
        }
        return list;
    }

    // What the broker account holds beyond the sum of the bots' positions: shown, never traded.
    private static async Task<IEnumerable<PositionView>> UnmanagedAsync(IBrokerage broker, List<PositionView> managed, CancellationToken ct)
    {
        var held = managed.GroupBy(p => p.Symbol).ToDictionary(g => g.Key, g => g.Sum(p => p.Quantity));
        var positions = await broker.GetPositionsAsync(ct);
        return positions.Where(p => p.Quantity != held.GetValueOrDefault(p.Symbol))
            .Select(p => new PositionView(null, null, p.Symbol, p.Quantity - held.GetValueOrDefault(p.Symbol), p.AveragePrice, default, true));
    }

    public async Task<IReadOnlyList<TradeView>> TradesAsync(TradingFilter f, CancellationToken ct = default)
    {
        await using var c = await db.CreateDbContextAsync(ct);
        var names = await c.Bots.AsNoTracking().ToDictionaryAsync(b => b.Id, b => b.Name, ct);
        var rows = await Filtered(c.Trades, f, t => t.EntryAt).OrderByDescending(t => t.Id).Take(f.Limit).ToListAsync(ct);
        return rows.Select(t => new TradeView(t.Id, t.BotId, t.BotId is { } b ? names.GetValueOrDefault(b) : null, t.Symbol, t.Quantity, t.EntryPrice, t.EntryAt,
            t.ExitPrice, t.ExitAt, t.RealizedPnl, t.Fees, t.ExitReason, t.IndicatorSnapshot)).ToList();
    }
}
