using TradingBlazor.Data.Queries;

namespace TradingBlazor.Services;

public sealed record TradeRow(string Symbol, DateTime EntryUtc, decimal Quantity, decimal EntryPrice, decimal? ExitPrice, decimal? RealizedPnl);

/// <summary>The trades list, as rows for display (never the store's records).</summary>
public interface IPortfolioService
{
    Task<IReadOnlyList<TradeRow>> ListRecentTradesAsync(int limit, CancellationToken ct = default);
}

public sealed class PortfolioService(OverviewQueries queries) : IPortfolioService
{
    public async Task<IReadOnlyList<TradeRow>> ListRecentTradesAsync(int limit, CancellationToken ct = default) =>
        (await queries.ListRecentTradesAsync(limit, ct)).Select(t => new TradeRow(t.Symbol, t.EntryAt, t.Quantity, t.EntryPrice, t.ExitPrice, t.RealizedPnl)).ToList();
}
