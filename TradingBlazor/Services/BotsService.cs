using System.Collections.Concurrent;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Engine.Events;

namespace TradingBlazor.Services;

/// <summary>A bot as the lists show it: status, symbols, its book's headline numbers and its halt (reduce-only), if any.</summary>
public sealed record BotCard(long Id, string Name, BotStatus Status, string? StatusReason, IReadOnlyList<string> Symbols, ExecutionMode Mode,
    decimal Capital, decimal Equity, decimal Pnl, int OpenPositions, string? Halt = null)
{
    public static BotCard From(BotSummary b) => new(b.Id, b.Name, b.Status, b.StatusReason, b.Symbols, b.Mode, b.Ledger.Capital, b.Ledger.Equity,
        b.Ledger.RealizedPnl + b.Ledger.UnrealizedPnl, b.Ledger.Positions.Count, b.Halt);

    /// <summary>Whether the command makes sense in the bot's status (a paused or failed bot can be started again).</summary>
    public bool Allows(BotCommand command) => command switch
    {
        BotCommand.Start => Status != BotStatus.Running,
        BotCommand.Pause => Status == BotStatus.Running,
        _ => Status != BotStatus.Stopped,
    };
}

/// <summary>One fill as the live trades list shows it (entries buy, exits sell: bots trade long only).</summary>
public sealed record TradeActivity(DateTime TimeUtc, long? BotId, string? BotName, string Symbol, OrderSide Side, decimal Quantity, decimal Price, decimal? RealizedPnl);

/// <summary>The bots and their live trades for the Bots page and the Dashboard.</summary>
public interface IBotsService
{
    /// <summary>Raised (on the publisher's thread) when a bot's status, positions or book may have changed.</summary>
    event Action? BotsChanged;

    /// <summary>Raised (on the publisher's thread) for every fill.</summary>
    event Action<TradeActivity>? TradeFilled;

    /// <summary>Names of the sample configs a bot can start from.</summary>
    IReadOnlyList<string> Samples { get; }

    Task<IReadOnlyList<BotCard>> ListAsync(CancellationToken ct = default);

    /// <summary>Sends the command; returns why it was refused, or null.</summary>
    Task<string?> CommandAsync(long id, BotCommand command, CancellationToken ct = default);

    /// <summary>Creates a stopped bot from a sample (its name made unique); returns its id or why it failed.</summary>
    Task<(long? Id, string? Error)> CreateFromSampleAsync(string sample, CancellationToken ct = default);

    /// <summary>The latest fills, newest first.</summary>
    Task<IReadOnlyList<TradeActivity>> RecentTradesAsync(int limit, CancellationToken ct = default);
}

public sealed class BotsUiService : IBotsService, IDisposable
{
    private readonly IBotService _bots;
    private readonly ITradingQueries _queries;
    private readonly TradingEventBus _bus;
    // Fill events carry the bot's id only; names come from the last list and status events.
    private readonly ConcurrentDictionary<long, string> _names = new();

    public BotsUiService(IBotService bots, ITradingQueries queries, TradingEventBus bus)
    {
        (_bots, _queries, _bus) = (bots, queries, bus);
        _bus.Published += OnPublished;
    }

    public event Action? BotsChanged;
    public event Action<TradeActivity>? TradeFilled;

    public IReadOnlyList<string> Samples => SampleStrategies.All.Keys.ToList();

    public async Task<IReadOnlyList<BotCard>> ListAsync(CancellationToken ct = default)
    {
        var bots = await _bots.ListAsync(ct);
        foreach (var b in bots) _names[b.Id] = b.Name;
        return bots.Select(BotCard.From).ToList();
    }

    public async Task<string?> CommandAsync(long id, BotCommand command, CancellationToken ct = default) =>
        (await _bots.CommandAsync(id, command, flatten: false, ct)).Problem?.Message;

    public async Task<(long? Id, string? Error)> CreateFromSampleAsync(string sample, CancellationToken ct = default)
    {
        if (!SampleStrategies.All.TryGetValue(sample, out var json)) return (null, $"No sample '{sample}'.");
        BotConfig config;
        try
        {
            config = BotConfig.Parse(json);
        }
        catch (BotConfigException ex)
        {
            return (null, ex.Message);
        }
        var name = BotEditorService.UniqueName(config.Name, (await _bots.ListAsync(ct)).Select(b => b.Name));
        var result = await _bots.CreateAsync(config with { Name = name }, ct);
        return result.Bot is { } bot ? (bot.Summary.Id, null) : (null, $"{result.Problem!.Field}: {result.Problem.Message}");
    }

    public async Task<IReadOnlyList<TradeActivity>> RecentTradesAsync(int limit, CancellationToken ct = default)
    {
        var trades = await _queries.TradesAsync(new TradingFilter(Limit: limit), ct);
        return trades.SelectMany(t => t is { ExitUtc: { } exitUtc, ExitPrice: { } exit }
                ? new[] { Entry(t), new TradeActivity(exitUtc, t.BotId, t.BotName, t.Symbol, OrderSide.Sell, t.Quantity, exit, t.RealizedPnl) }
                : new[] { Entry(t) })
            .OrderByDescending(a => a.TimeUtc).Take(limit).ToList();

        static TradeActivity Entry(TradeView t) => new(t.EntryUtc, t.BotId, t.BotName, t.Symbol, OrderSide.Buy, t.Quantity, t.EntryPrice, null);
    }

    private void OnPublished(TradingEvent e)
    {
        switch (e.Data)
        {
            case FillUpdate f:
                TradeFilled?.Invoke(new TradeActivity(f.TimeUtc, e.BotId, e.BotId is { } id ? _names.GetValueOrDefault(id) : null, f.Symbol, f.Side,
                    f.Quantity, f.Price, f.RealizedPnl));
                BotsChanged?.Invoke();
                break;
            case BotStatusUpdate s:
                if (e.BotId is { } bot) _names[bot] = s.Name;
                BotsChanged?.Invoke();
                break;
            case PositionUpdate or RiskHaltUpdate:
                BotsChanged?.Invoke();
                break;
        }
    }

    public void Dispose() => _bus.Published -= OnPublished;
}
