using Microsoft.EntityFrameworkCore;
using TradingBlazor.Data.Conversion;
using TradingBlazor.Data.Entities;
using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Data.Queries;

/// <summary>Read models for the dashboard and list pages.</summary>
public sealed class OverviewQueries
{
    private readonly IDbContextFactory<TradingDbContext> _contexts;

    public OverviewQueries(IDbContextFactory<TradingDbContext> contexts) => _contexts = contexts;

    public sealed record Overview(IReadOnlyDictionary<BotStatus, int> BotsByStatus, int OpenPositions, int TradesClosedSince, decimal RealizedPnlSince);

    /// <summary>Bot counts, open positions, and trades closed (with their summed P&amp;L) since an instant.</summary>
    public async Task<Overview> GetOverviewAsync(DateTime sinceUtc, CancellationToken ct = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(ct);
        var byStatus = await db.Bots.GroupBy(b => b.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var openPositions = await db.Positions.CountAsync(p => p.Quantity != 0m, ct);
        var (count, pnl) = await SumRealizedPnlAsync(db, sinceUtc, ct);
        return new Overview(byStatus.ToDictionary(x => x.Key, x => x.Count), openPositions, count, pnl);
    }

    public async Task<List<BotRecord>> ListBotsAsync(CancellationToken ct = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(ct);
        return await db.Bots.AsNoTracking().OrderBy(b => b.Name).ToListAsync(ct);
    }

    // Money is summed in SQL as exact scaled integers, then scaled back: no floating point anywhere.
    private static async Task<(int Count, decimal Pnl)> SumRealizedPnlAsync(TradingDbContext db, DateTime sinceUtc, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COALESCE(SUM(realized_pnl), 0) FROM trades WHERE exit_at IS NOT NULL AND exit_at >= $since";
        var since = command.CreateParameter();
        since.ParameterName = "$since";
        since.Value = StorageConverters.UtcMilliseconds.ConvertToProvider(sinceUtc);
        command.Parameters.Add(since);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt32(0), ScaledDecimal.FromScaled(reader.GetInt64(1), ScaledDecimal.MoneyScale));
    }
}
