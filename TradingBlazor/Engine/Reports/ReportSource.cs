using Microsoft.EntityFrameworkCore;
using TradingBlazor.Data;
using TradingBlazor.Data.Entities;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Time;

namespace TradingBlazor.Engine.Reports;

/// <summary>A bot a report can cover, with the capital its configuration gives it.</summary>
public sealed record ReportBot(long Id, string Name, decimal Capital);

/// <summary>Reads what a report needs from the store: the scope's bots, its closed round trips and its holdings in a period.</summary>
public sealed class ReportSource(IDbContextFactory<TradingDbContext> db, IMarketCalendar calendar)
{
    public async Task<IReadOnlyList<ReportBot>> BotsAsync(CancellationToken ct = default)
    {
        await using var c = await db.CreateDbContextAsync(ct);
        var bots = await c.Bots.AsNoTracking().OrderBy(b => b.Id).ToListAsync(ct);
        return bots.Select(b => new ReportBot(b.Id, b.Name, Capital(b))).ToList();
    }

    /// <summary>The inputs of a report, or null when the scope names a bot that does not exist.</summary>
    public async Task<ReportInputs?> LoadAsync(ReportScope scope, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var bots = await BotsAsync(ct);
        var covered = scope.BotId is { } id ? bots.Where(b => b.Id == id).ToList() : bots.ToList();
        if (scope.BotId is not null && covered.Count == 0) return null;
        var names = bots.ToDictionary(b => b.Id, b => b.Name);

        // The period is whole New York days.
        var fromUtc = MarketTime.ToUtc(from, TimeOnly.MinValue);
        var toUtc = MarketTime.ToUtc(to.AddDays(1), TimeOnly.MinValue);
        await using var c = await db.CreateDbContextAsync(ct);
        var inScope = c.Trades.AsNoTracking().Where(t => scope.BotId == null || t.BotId == scope.BotId);
        var closed = inScope.Where(t => t.ExitAt != null && t.RealizedPnl != null);
        var rows = await closed.Where(t => t.ExitAt >= fromUtc && t.ExitAt < toUtc).ToListAsync(ct);
        // Money is summed as decimals here: the store keeps it as scaled integers SQL would sum, but exactly is simplest.
        var before = await closed.Where(t => t.ExitAt < fromUtc).Select(t => t.RealizedPnl!.Value).ToListAsync(ct);
        var holdings = await inScope.Where(t => t.EntryAt < toUtc && (t.ExitAt == null || t.ExitAt >= fromUtc))
            .Select(t => new HoldingSpan(t.EntryAt, t.ExitAt)).ToListAsync(ct);

        string title = scope.BotId is null ? "Portfolio" : covered[0].Name;
        var sessions = calendar.SessionsBetween(from, to).Select(s => s.Date).ToList();
        return new ReportInputs(scope, title, from, to, covered.Sum(b => b.Capital), before.Sum(),
            rows.Select(t => ToTrade(t, names)).ToList(), holdings, sessions);
    }

    private static ReportTrade ToTrade(TradeRecord t, IReadOnlyDictionary<long, string> names) =>
        new(t.Id, t.BotId, t.BotId is { } b ? names.GetValueOrDefault(b, $"Bot {b}") : "Unassigned", t.Symbol, t.ExitQuantity ?? t.Quantity,
            t.EntryPrice, t.EntryAt, t.ExitPrice ?? 0, t.ExitAt!.Value, t.RealizedPnl!.Value, t.Fees, t.ExitReason);

    private static decimal Capital(BotRecord bot)
    {
        try { return BotConfig.Parse(bot.ConfigJson).Capital; }
        // A stored configuration is validated on the way in; one that no longer parses adds no capital rather than failing the report.
        catch (BotConfigException) { return 0; }
    }
}
