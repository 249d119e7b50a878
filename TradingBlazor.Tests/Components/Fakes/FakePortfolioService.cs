using TradingBlazor.Services;

namespace TradingBlazor.Tests.Components.Fakes;

/// <summary>Serves fixed trades and records what was asked for.</summary>
public sealed class FakePortfolioService : IPortfolioService
{
    public List<TradeRow> Trades { get; } = new();
    public List<int> TradeLimits { get; } = new();

    public Task<IReadOnlyList<TradeRow>> ListRecentTradesAsync(int limit, CancellationToken ct = default)
    {
        TradeLimits.Add(limit);
        return Task.FromResult<IReadOnlyList<TradeRow>>(Trades.Take(limit).ToList());
    }
}
