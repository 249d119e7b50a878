using TradingBlazor.Data.Queries;
using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Services;

public sealed record BotRow(string Name, BotStatus Status, DateTime UpdatedUtc);

public sealed record TradeRow(string Symbol, DateTime EntryUtc, decimal Quantity, decimal EntryPrice, decimal? ExitPrice, decimal? RealizedPnl);

/// <summary>The bots and trades lists, as rows for display (never the store's records).</summary>
public interface IPortfolioService
{
    Task<IReadOnlyList<BotRow>> ListBotsAsync(CancellationToken ct = default);
    Task<IReadOnlyList<TradeRow>> ListRecentTradesAsync(int limit, CancellationToken ct = default);
}

public sealed class PortfolioService(OverviewQueries queries) : IPortfolioService
{
    public async Task<IReadOnlyList<BotRow>> ListBotsAsync(CancellationToken ct = default) =>
        (await queries.ListBotsAsync(ct)).Select(b => new BotRow(b.Name, b.Status, b.UpdatedAt)).ToList();

    public async Task<IReadOnlyList<TradeRow>> ListRecentTradesAsync(int limit, CancellationToken ct = default) =>
        (await queries.ListRecentTradesAsync(limit, ct)).Select(t => new TradeRow(t.Symbol, t.EntryAt, t.Quantity, t.EntryPrice, t.ExitPrice, t.RealizedPnl)).ToList();
}
