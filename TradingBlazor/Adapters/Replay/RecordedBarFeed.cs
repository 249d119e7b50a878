using TradingBlazor.Domain.MarketData;

namespace TradingBlazor.Adapters.Replay;

/// <summary>Recorded bars as a live feed: whoever replays them decides when each is published (as fast as the engine takes them).</summary>
public sealed class RecordedBarFeed : IMarketDataFeed
{
    private readonly HashSet<string> _subscriptions = new(StringComparer.OrdinalIgnoreCase);

    public string Name => "Recorded bars";
    public bool IsSimulated => true;
    public DateTime? LastUpdateUtc { get; private set; }
    public IReadOnlySet<string> Subscriptions => _subscriptions;
    public event Action<BarUpdate>? BarUpdated;

    public void Subscribe(IEnumerable<string> symbols) => _subscriptions.UnionWith(symbols);

    public void Unsubscribe(IEnumerable<string> symbols) => _subscriptions.ExceptWith(symbols);

    /// <summary>Publishes a bar as closed.</summary>
    public void Publish(Bar bar)
    {
        LastUpdateUtc = bar.StartUtc;
        BarUpdated?.Invoke(new BarUpdate(bar, BarUpdateKind.Closed));
    }
}

/// <summary>No history: a replay starts from nothing, as a backtest does.</summary>
public sealed class NoHistory : IHistoricalBars
{
    public Task<IReadOnlyList<Bar>> GetBarsAsync(string symbol, Timeframe timeframe, DateTime fromUtc, DateTime toUtc, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<Bar>>(Array.Empty<Bar>());
}
