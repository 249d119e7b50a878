using TradingBlazor.Domain.Time;

namespace TradingBlazor.Domain.MarketData;

/// <summary>
/// One symbol's bars, oldest first, a chunk at a time: a backtest over years of minutes holds a chunk per symbol,
/// never the whole history.
/// </summary>
public interface IBarCursor
{
    string Symbol { get; }

    /// <summary>No bar starts after this instant (the end of the range read; progress is measured against it).</summary>
    DateTime EndUtc { get; }

    /// <summary>The next chunk (never empty), or null once the bars are exhausted.</summary>
    ValueTask<BarSeries?> NextAsync(CancellationToken ct = default);
}

/// <summary>Bars already in memory (sweeps and walk-forward replay them many times): one chunk.</summary>
public sealed class SeriesCursor(string symbol, BarSeries series) : IBarCursor
{
    private bool _done;

    public string Symbol => symbol;

    public DateTime EndUtc => series.Count > 0 ? series.Bars[^1].StartUtc : DateTime.MinValue;

    public ValueTask<BarSeries?> NextAsync(CancellationToken ct = default)
    {
        var chunk = _done || series.Count == 0 ? null : series;
        _done = true;
        return ValueTask.FromResult(chunk);
    }
}

/// <summary>
/// A source's bars read a few New York days at a time through its ordinary range read. Windows start at New York
/// midnights, so every session (and every bar aggregated from it) falls whole into one window and the bars are the
/// same as one read of the whole range. The first read throws when the range holds no bar at all.
/// </summary>
public sealed class HistoryCursor : IBarCursor
{
    /// <summary>About this many bars per chunk and symbol (regular sessions): ~400 KB with their indicator view.</summary>
    public const int ChunkBars = 2048;

    private readonly IHistoricalBars _source;
    private readonly string _sourceName;
    private readonly Timeframe _timeframe;
    private readonly DateOnly _from;
    private readonly DateOnly _to;
    private readonly int _days;
    private DateOnly _next;
    private bool _any;

    /// <param name="sourceName">Names the source in the error for an empty range (e.g. "store").</param>
    public HistoryCursor(IHistoricalBars source, string sourceName, string symbol, Timeframe timeframe, DateOnly from, DateOnly to)
    {
        _source = source;
        _sourceName = sourceName;
        Symbol = symbol;
        _timeframe = timeframe;
        _from = _next = from;
        _to = to;
        int perSession = timeframe.IsDaily ? 1 : (int)Math.Ceiling(390 / timeframe.Duration.TotalMinutes);
        _days = Math.Max(1, ChunkBars / perSession);
        EndUtc = MarketTime.ToUtc(to.AddDays(1), TimeOnly.MinValue);
    }

    public string Symbol { get; }

    public DateTime EndUtc { get; }

    public async ValueTask<BarSeries?> NextAsync(CancellationToken ct = default)
    {
        while (_next <= _to)
        {
            ct.ThrowIfCancellationRequested();
            var end = _next.AddDays(_days) is var e && e > _to ? _to.AddDays(1) : e;
            var bars = await _source.GetBarsAsync(Symbol, _timeframe, MarketTime.ToUtc(_next, TimeOnly.MinValue), MarketTime.ToUtc(end, TimeOnly.MinValue), ct);
            _next = end;
            if (bars.Count == 0) continue;
            _any = true;
            return new BarSeries(bars);
        }
        if (!_any)
            throw new InvalidOperationException($"No {_timeframe} bars for {Symbol} from {_sourceName} between {_from:yyyy-MM-dd} and {_to:yyyy-MM-dd}.");
        return null;
    }
}
