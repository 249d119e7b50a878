using TradingBlazor.Engine.Bots;

namespace TradingBlazor.Tests.Support.Engine;

/// <summary>Fixed trading records, filtered as the contract says; every filter asked for is recorded.</summary>
public sealed class InMemoryTradingQueries : ITradingQueries
{
    public List<SignalView> Signals { get; } = new();
    public List<OrderView> Orders { get; } = new();
    public List<PositionView> Positions { get; } = new();
    public List<TradeView> Trades { get; } = new();
    public List<TradingFilter> Filters { get; } = new();

    public Task<IReadOnlyList<SignalView>> SignalsAsync(TradingFilter filter, CancellationToken ct = default) =>
        Answer(filter, Signals, s => (s.BotId, s.Symbol, s.TimeUtc));

    public Task<IReadOnlyList<OrderView>> OrdersAsync(TradingFilter filter, CancellationToken ct = default) =>
        Answer(filter, Orders, o => (o.BotId, o.Symbol, o.CreatedUtc));

    public Task<IReadOnlyList<PositionView>> PositionsAsync(long? botId = null, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<PositionView>>(Positions.Where(p => botId is null || p.BotId == botId).ToList());

    public Task<IReadOnlyList<TradeView>> TradesAsync(TradingFilter filter, CancellationToken ct = default) =>
        Answer(filter, Trades, t => (t.BotId, t.Symbol, t.EntryUtc));

    private Task<IReadOnlyList<T>> Answer<T>(TradingFilter filter, List<T> rows, Func<T, (long? Bot, string Symbol, DateTime Time)> key)
    {
        lock (Filters) Filters.Add(filter);
        return Task.FromResult<IReadOnlyList<T>>(rows.Select(r => (Row: r, Key: key(r)))
            .Where(x => (filter.BotId is null || x.Key.Bot == filter.BotId) && (filter.Symbol is null || x.Key.Symbol == filter.Symbol)
                && (filter.FromUtc is null || x.Key.Time >= filter.FromUtc) && (filter.ToUtc is null || x.Key.Time <= filter.ToUtc))
            .OrderByDescending(x => x.Key.Time).Take(filter.Limit).Select(x => x.Row).ToList());
    }
}
