namespace TradingBlazor.Domain.MarketData;

/// <summary>A source of historical bars (the store, the simulated market, Alpaca).</summary>
public interface IHistoricalBars
{
    /// <summary>Bars of a symbol with start times in [fromUtc, toUtc), oldest first.</summary>
    Task<IReadOnlyList<Bar>> GetBarsAsync(string symbol, Timeframe timeframe, DateTime fromUtc, DateTime toUtc, CancellationToken ct = default);
}

/// <summary>The persistent bar history: idempotent writes (re-imports upsert) and range reads.</summary>
public interface IBarStore : IHistoricalBars
{
    /// <summary>
    /// Inserts new bars and overwrites existing ones with the same (symbol, timeframe, start), all or nothing; returns how
    /// many were new. The bars are enumerated once, as they are written, so a lazy sequence (a CSV being read) is never held whole.
    /// </summary>
    Task<int> UpsertAsync(IEnumerable<Bar> bars, CancellationToken ct = default);

    /// <summary>Symbols with stored bars per timeframe, with counts and ranges.</summary>
    Task<IReadOnlyList<StoredSeries>> ListSeriesAsync(CancellationToken ct = default);
}

public sealed record StoredSeries(string Symbol, Timeframe Timeframe, int Count, DateTime FirstUtc, DateTime LastUtc);

/// <summary>Whether a bar update is the final state of the bar or a live in-progress one.</summary>
public enum BarUpdateKind
{
    InProgress,
    Closed,
}

/// <summary>A live bar event.</summary>
public sealed record BarUpdate(Bar Bar, BarUpdateKind Kind);

/// <summary>A live feed: subscribe to symbols, receive in-progress bar updates and bar closes as events.</summary>
public interface IMarketDataFeed
{
    /// <summary>A name shown wherever the data is displayed (e.g. "Simulated market").</summary>
    string Name { get; }

    /// <summary>True when the data is simulated, so every screen can say so.</summary>
    bool IsSimulated { get; }

    /// <summary>Raised for every 1-minute bar update of a subscribed symbol. Handlers must be quick and not throw.</summary>
    event Action<BarUpdate>? BarUpdated;

    void Subscribe(IEnumerable<string> symbols);

    void Unsubscribe(IEnumerable<string> symbols);

    IReadOnlySet<string> Subscriptions { get; }

    /// <summary>When the feed last published anything (UTC), for health and status displays.</summary>
    DateTime? LastUpdateUtc { get; }
}
