using Microsoft.EntityFrameworkCore;
using TradingBlazor.Data;
using TradingBlazor.Data.Entities;
using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Engine.Reports.Divergence;

/// <summary>A bot as its divergence needs it: the stored config (and its revision) and whether it trades on the simulated market only.</summary>
public sealed record DivergenceBot(long Id, string Name, string ConfigJson, int Revision, bool IsDemo);

/// <summary>Reads a bot's live side from the store: its round trips entered in a period and its journal around them.</summary>
public sealed class DivergenceSource(IDbContextFactory<TradingDbContext> db)
{
    public async Task<DivergenceBot?> BotAsync(long id, CancellationToken ct = default)
    {
        await using var c = await db.CreateDbContextAsync(ct);
        return await c.Bots.AsNoTracking().Where(b => b.Id == id)
            .Select(b => new DivergenceBot(b.Id, b.Name, b.ConfigJson, b.Revision, b.IsDemo)).SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// The bot's trades entered in [fromUtc, toUtc) — one still open, or closed after the period, counts as open at its end — with
    /// the bar each entry's signal closed; and its signals, approvals and entry orders over the period.
    /// </summary>
    public async Task<(List<TradeLeg> Trades, LiveJournal Journal)> LoadAsync(DivergenceBot bot, DateTime fromUtc, DateTime toUtc, CancellationToken ct = default)
    {
        await using var c = await db.CreateDbContextAsync(ct);
        var rows = await c.Trades.AsNoTracking().Where(t => t.BotId == bot.Id && t.EntryAt >= fromUtc && t.EntryAt < toUtc).OrderBy(t => t.EntryAt).ToListAsync(ct);
        var signals = await c.Signals.AsNoTracking().Where(s => s.BotId == bot.Id && s.Timestamp >= fromUtc && s.Timestamp < toUtc).OrderBy(s => s.Id)
            .Select(s => new { s.Id, s.Symbol, s.Timestamp, s.Action, s.Executed, s.Outcome, s.ClientOrderId }).ToListAsync(ct);
        var approvals = await c.Approvals.AsNoTracking().Where(a => a.BotId == bot.Id && a.RequestedAt < toUtc)
            .Select(a => new LiveApproval(a.ClientOrderId, a.Status, a.Outcome)).ToListAsync(ct);
        var orders = await c.Orders.AsNoTracking().Where(o => o.BotId == bot.Id && o.Side == OrderSide.Buy)
            .Select(o => new LiveOrder(o.ClientOrderId, o.Status, o.RejectReason)).ToListAsync(ct);
        var first = await c.Signals.Where(s => s.BotId == bot.Id).MinAsync(s => (DateTime?)s.Timestamp, ct);

        var signalBars = signals.ToDictionary(s => s.Id, s => s.Timestamp);
        var byOrder = signals.Where(s => s.ClientOrderId is not null).GroupBy(s => s.ClientOrderId!).ToDictionary(g => g.Key, g => g.First().Timestamp);
        var trades = rows.Select(t => Leg(t, toUtc, t.EntrySignalId is { } sid && signalBars.TryGetValue(sid, out var at) ? at
            : t.EntryClientOrderId is { } oid && byOrder.TryGetValue(oid, out var by) ? by : null)).ToList();
        var journal = new LiveJournal(signals.Select(s => new LiveSignal(s.Symbol, s.Timestamp, s.Action, s.Executed, s.Outcome, s.ClientOrderId)).ToList(),
            approvals, orders, first, bot.Revision);
        return (trades, journal);
    }

    private static TradeLeg Leg(TradeRecord t, DateTime toUtc, DateTime? signalUtc)
    {
        bool closed = t.ExitAt is { } exit && exit < toUtc && t.RealizedPnl is not null;
        return new TradeLeg(t.Symbol, OrderSide.Buy, t.EntryAt, t.EntryPrice, closed ? t.ExitQuantity ?? t.Quantity : t.Quantity,
            closed ? t.ExitAt : null, closed ? t.ExitPrice : null, closed ? t.RealizedPnl : null, closed ? t.ExitReason : null, signalUtc, t.Fees);
    }
}
