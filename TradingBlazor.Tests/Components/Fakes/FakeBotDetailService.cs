using TradingBlazor.Engine.Bots;
using TradingBlazor.Services;

namespace TradingBlazor.Tests.Components.Fakes;

/// <summary>Serves the bot views and trade explanations it holds, counts the loads and raises bot events on demand.</summary>
public sealed class FakeBotDetailService : IBotDetailService
{
    public Dictionary<long, BotDetailView> Bots { get; } = new();
    public Dictionary<long, TradeExplanation> Explanations { get; } = new();
    public List<long> Explained { get; } = new();
    public int LoadCalls { get; private set; }

    public event Action<long>? BotChanged;

    public void RaiseChanged(long botId) => BotChanged?.Invoke(botId);

    public Task<BotDetailView?> LoadAsync(long id, CancellationToken ct = default)
    {
        LoadCalls++;
        return Task.FromResult(Bots.GetValueOrDefault(id));
    }

    public Task<TradeExplanation?> ExplainAsync(long tradeId, CancellationToken ct = default)
    {
        Explained.Add(tradeId);
        return Task.FromResult(Explanations.GetValueOrDefault(tradeId));
    }
}
