using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TradingBlazor.Data;
using TradingBlazor.Data.Entities;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Risk;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Charts;

namespace TradingBlazor.Engine.Bots;

public sealed record JournalFill(DateTime TimeUtc, OrderSide Side, decimal Quantity, decimal Price, decimal Fee, string? Reason);

/// <summary>An order of the trade with the executions that filled it.</summary>
public sealed record JournalOrder(OrderView Order, IReadOnlyList<JournalFill> Fills);

/// <summary>
/// "Explain this trade": the bar the entry was decided on, the values the rule saw, the rule that fired, each risk check,
/// the trader's decision when it waited, and the orders with their fills — all from the stored records.
/// </summary>
public sealed record TradeExplanation(
    TradeView Trade, Bar? Bar, SignalView? Signal, string? Rule, IReadOnlyList<RiskCheckResult> RiskChecks, ApprovalView? Approval,
    JournalOrder? Entry, IReadOnlyList<JournalOrder> Exits);

/// <summary>Where the journal reads a symbol's bars: the source the charts read (the simulation, the broker or the store).</summary>
public delegate Task<IHistoricalBars> JournalBarSource(string symbol, Timeframe timeframe, CancellationToken ct);

/// <summary>The decision journal's read side: one trade's story from its signal to its last fill.</summary>
public sealed class DecisionJournal(IDbContextFactory<TradingDbContext> db, IBotService bots, JournalBarSource bars, ILogger<DecisionJournal> log)
{
    public static DecisionJournal Create(IServiceProvider sp)
    {
        var sources = sp.GetRequiredService<ChartSourceResolver>();
        return new DecisionJournal(sp.GetRequiredService<IDbContextFactory<TradingDbContext>>(), sp.GetRequiredService<IBotService>(),
            async (symbol, timeframe, ct) => (await sources.ResolveAsync(symbol, timeframe, ct)).History, sp.GetRequiredService<ILogger<DecisionJournal>>());
    }

    public async Task<TradeExplanation?> ExplainAsync(long tradeId, CancellationToken ct = default)
    {
        await using var c = await db.CreateDbContextAsync(ct);
        var t = await c.Trades.AsNoTracking().SingleOrDefaultAsync(x => x.Id == tradeId, ct);
        if (t is null) return null;
        var bot = t.BotId is { } botId ? await bots.GetAsync(botId, ct) : null;
        var config = bot?.Config;
        var trade = new TradeView(t.Id, t.BotId, bot?.Summary.Name, t.Symbol, t.Quantity, t.EntryPrice, t.EntryAt, t.ExitPrice, t.ExitAt, t.RealizedPnl, t.Fees,
            t.ExitReason, t.IndicatorSnapshot);

        var signal = await SignalAsync(c, t, ct);
        var approval = t.EntryClientOrderId is { } entryId ? await c.Approvals.AsNoTracking().SingleOrDefaultAsync(a => a.ClientOrderId == entryId, ct) : null;
        var orders = await OrdersAsync(c, t, ct);
        var entry = orders.FirstOrDefault(o => o.Order.ClientOrderId == t.EntryClientOrderId) ?? orders.FirstOrDefault(o => o.Order.Side == OrderSide.Buy);
        var exits = orders.Where(o => o.Order.Side == OrderSide.Sell).ToList();

        var action = signal?.Action ?? SignalAction.Buy;
        var checks = config is null ? Array.Empty<RiskCheckResult>()
            : RiskChecks.For(action, config.Risk, config.TradingWindow, RiskChecks.CodeOf(approval?.Outcome ?? signal?.Outcome));
        var bar = await BarAsync(t.Symbol, config?.Timeframe, signal?.TimeUtc ?? t.EntryAt, ct);
        return new TradeExplanation(trade, bar, signal, RuleText(config, signal?.Source), checks,
            approval is null ? null : ApprovalService.View(approval, bot?.Summary.Name), entry, exits);
    }

    private static async Task<SignalView?> SignalAsync(TradingDbContext c, TradeRecord t, CancellationToken ct)
    {
        SignalRecord? s = t.EntrySignalId is { } id ? await c.Signals.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct)
            : t.EntryClientOrderId is { } order ? await c.Signals.AsNoTracking().FirstOrDefaultAsync(x => x.ClientOrderId == order, ct) : null;
        return s is null ? null : new SignalView(s.Id, s.BotId, s.Symbol, s.Timestamp, s.Action, s.Confidence, s.Source, s.Values, s.Executed, s.Outcome, s.ClientOrderId) { Prediction = s.Prediction() };
    }

    // The entry order, and every sale of the symbol by the bot while the trade was open.
    private static async Task<List<JournalOrder>> OrdersAsync(TradingDbContext c, TradeRecord t, CancellationToken ct)
    {
        // An open trade's sales so far: up to the store's clock's end, a UTC instant (the store keeps nothing else).
        var until = t.ExitAt ?? DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc);
        var rows = await c.Orders.AsNoTracking().Include(o => o.Fills)
            .Where(o => o.BotId == t.BotId && o.Symbol == t.Symbol
                        && (o.ClientOrderId == t.EntryClientOrderId || (o.Side == OrderSide.Sell && o.Fills.Any(f => f.FilledAt >= t.EntryAt && f.FilledAt <= until))))
            .OrderBy(o => o.Id).ToListAsync(ct);
        return rows.Select(o => new JournalOrder(
            new OrderView(o.Id, o.BotId, o.ClientOrderId, o.BrokerOrderId, o.Symbol, o.Side, o.Quantity, o.Notional, o.Status, o.FilledQuantity,
                o.AverageFillPrice, o.RejectReason, o.CreatedAt, o.UpdatedAt),
            o.Fills.OrderBy(f => f.FilledAt).Select(f => new JournalFill(f.FilledAt, f.Side, f.Quantity, f.Price, f.Fee, f.Reason)).ToList())).ToList();
    }

    // The bar the signal closed, from the source the charts read; a journal without it still explains the rest.
    private async Task<Bar?> BarAsync(string symbol, string? timeframe, DateTime startUtc, CancellationToken ct)
    {
        try
        {
            var frame = Timeframe.Parse(timeframe ?? "1m");
            var history = await bars(symbol, frame, ct);
            var found = await history.GetBarsAsync(symbol, frame, startUtc, startUtc + (frame.IsDaily ? TimeSpan.FromDays(1) : frame.Duration), ct);
            return found.FirstOrDefault(b => b.StartUtc == startUtc);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogInformation(ex, "No {Symbol} bar at {Start:u} for the journal", symbol, startUtc);
            return null;
        }
    }

    private static string? RuleText(BotConfig? config, string? source)
    {
        var rule = source switch { "entry.rule" => config?.Entry, "exit.rule" => config?.Exit, _ => null };
        if (rule is null) return source is null ? null : $"strategy {source}";
        return rule.Rule.ValueKind == JsonValueKind.String ? rule.Rule.GetString() : rule.Rule.GetRawText();
    }
}
