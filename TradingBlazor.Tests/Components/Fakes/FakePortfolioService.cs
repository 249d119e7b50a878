using TradingBlazor.Services;

namespace TradingBlazor.Tests.Components.Fakes;

/// <summary>Serves fixed bots and trades and records what was asked for.</summary>
public sealed class FakePortfolioService : IPortfolioService
{
    public List<BotRow> Bots { get; } = new();
    public List<TradeRow> Trades { get; } = new();
    public int ListBotsCalls { get; private set; }
    public List<int> TradeLimits { get; } = new();

    public Task<IReadOnlyList<BotRow>> ListBotsAsync(CancellationToken ct = default)
    {
        ListBotsCalls++;
        return Task.FromResult<IReadOnlyList<BotRow>>(Bots.ToList());
    }

    public Task<IReadOnlyList<TradeRow>> ListRecentTradesAsync(int limit, CancellationToken ct = default)
    {
        TradeLimits.Add(limit);
        return Task.FromResult<IReadOnlyList<TradeRow>>(Trades.Take(limit).ToList());
    }
}
