using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Services;

namespace TradingBlazor.Tests.Components.Fakes;

/// <summary>
/// Serves the bots and trades it holds, records every command and creation, applies accepted commands to the bot's
/// status (or refuses with <see cref="Refusal"/>) and raises the live events on demand.
/// </summary>
public sealed class FakeBotsService : IBotsService
{
    public sealed record CommandCall(long Id, BotCommand Command);

    public List<BotCard> Bots { get; } = new();
    public List<TradeActivity> Trades { get; } = new();
    public List<string> SampleNames { get; } = new() { "rsi_mean_reversion", "sma_cross" };
    public List<CommandCall> Commands { get; } = new();
    public List<string> Created { get; } = new();
    public List<int> TradeLimits { get; } = new();
    public string? Refusal { get; set; }
    public int ListCalls { get; private set; }

    public event Action? BotsChanged;
    public event Action<TradeActivity>? TradeFilled;

    public bool HasSubscribers => BotsChanged is not null || TradeFilled is not null;

    public static BotCard Bot(long id, string name, BotStatus status, decimal equity = 10_000m, decimal pnl = 0m, params string[] symbols) =>
        new(id, name, status, null, symbols.Length > 0 ? symbols : new[] { "SPY" }, ExecutionMode.Auto, 10_000m, equity, pnl, 0);

    /// <summary>Changes a bot's status and tells the subscribers, as an engine event would.</summary>
    public void SetStatus(long id, BotStatus status)
    {
        var i = Bots.FindIndex(b => b.Id == id);
        Bots[i] = Bots[i] with { Status = status };
        BotsChanged?.Invoke();
    }

    public void Fill(TradeActivity trade) => TradeFilled?.Invoke(trade);

    public IReadOnlyList<string> Samples => SampleNames;

    public Task<IReadOnlyList<BotCard>> ListAsync(CancellationToken ct = default)
    {
        ListCalls++;
        return Task.FromResult<IReadOnlyList<BotCard>>(Bots.ToList());
    }

    public Task<string?> CommandAsync(long id, BotCommand command, CancellationToken ct = default)
    {
        Commands.Add(new CommandCall(id, command));
        if (Refusal is null)
        {
            var i = Bots.FindIndex(b => b.Id == id);
            Bots[i] = Bots[i] with { Status = command switch { BotCommand.Start => BotStatus.Running, BotCommand.Pause => BotStatus.Paused, _ => BotStatus.Stopped } };
        }
        return Task.FromResult(Refusal);
    }

    public Task<(long? Id, string? Error)> CreateFromSampleAsync(string sample, CancellationToken ct = default)
    {
        Created.Add(sample);
        if (Refusal is not null) return Task.FromResult<(long?, string?)>((null, Refusal));
        long id = Bots.Count == 0 ? 1 : Bots.Max(b => b.Id) + 1;
        Bots.Add(Bot(id, sample, BotStatus.Stopped));
        return Task.FromResult<(long?, string?)>((id, null));
    }

    public Task<IReadOnlyList<TradeActivity>> RecentTradesAsync(int limit, CancellationToken ct = default)
    {
        TradeLimits.Add(limit);
        return Task.FromResult<IReadOnlyList<TradeActivity>>(Trades.Take(limit).ToList());
    }
}
