using System.Collections.Concurrent;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Time;

namespace TradingBlazor.Adapters.Simulated;

/// <summary>
/// The offline market: history for any symbol from the price model (only bars that have closed on the simulated
/// clock), and the live view of the current minute.
/// </summary>
public sealed class SimulatedMarket : IHistoricalBars
{
    private readonly SimulatedPriceModel _model;
    private readonly ConcurrentDictionary<(string, DateOnly), IReadOnlyList<Bar>> _sessions = new();

    public SimulatedMarket(SimulatedPriceModel model, SimulatedClock clock, IReadOnlyList<string> symbols)
    {
        _model = model;
        Clock = clock;
        Symbols = symbols.Select(s => s.ToUpperInvariant()).ToArray();
    }

    public const string DisplayName = "Simulated market";

    public SimulatedClock Clock { get; }
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>A session's minute bars, cached (the model is deterministic, so caching changes nothing).</summary>
    public IReadOnlyList<Bar> Session(string symbol, DateOnly date) =>
        _sessions.GetOrAdd((symbol.ToUpperInvariant(), date), key => _model.MinuteBars(key.Item1, key.Item2));

    /// <summary>
    /// A past session for a history read: from the cache when the live view has it, else generated and not kept (a
    /// backtest over years of minutes must not leave them all in memory).
    /// </summary>
    private IReadOnlyList<Bar> History(string symbol, DateOnly date) =>
        _sessions.TryGetValue((symbol.ToUpperInvariant(), date), out var cached) ? cached : _model.MinuteBars(symbol.ToUpperInvariant(), date);

    public Task<IReadOnlyList<Bar>> GetBarsAsync(string symbol, Timeframe timeframe, DateTime fromUtc, DateTime toUtc, CancellationToken ct = default)
    {
        var now = Clock.UtcNow();
        var end = toUtc < now ? toUtc : now;
        var minutes = new List<Bar>();
        for (var date = MarketTime.EasternDate(fromUtc); date <= MarketTime.EasternDate(end); date = date.AddDays(1))
        {
            ct.ThrowIfCancellationRequested();
            // Only whole bars of the target timeframe that have closed on the simulated clock.
            foreach (var bar in History(symbol, date))
                if (bar.StartUtc.AddMinutes(1) <= now) minutes.Add(bar);
        }
        var bars = BarAggregator.Aggregate(minutes, timeframe)
            .Where(b => b.StartUtc >= fromUtc && b.StartUtc < toUtc && IsComplete(b, timeframe, now))
            .ToList();
        return Task.FromResult<IReadOnlyList<Bar>>(bars);
    }

    /// <summary>The live state of the minute containing <paramref name="now"/>: its bar so far, linearly built toward the final one.</summary>
    public Bar? InProgress(string symbol, DateTime now)
    {
        var session = Session(symbol, MarketTime.EasternDate(now));
        if (session.Count == 0 || now < session[0].StartUtc) return null;
        int minute = (int)((now - session[0].StartUtc).TotalMinutes);
        if (minute >= session.Count) return null;
        var final = session[minute];
        decimal f = (decimal)((now - final.StartUtc).TotalSeconds / 60.0);
        decimal close = Math.Round(final.Open + (final.Close - final.Open) * f, 2);
        decimal high = Math.Max(Math.Max(final.Open, close), Math.Round(final.Open + (final.High - final.Open) * Math.Min(1, 2 * f), 2));
        decimal low = Math.Min(Math.Min(final.Open, close), Math.Round(final.Open - (final.Open - final.Low) * Math.Min(1, 2 * f), 2));
        return final with { High = high, Low = low, Close = close, Volume = Math.Round(final.Volume * f) };
    }

    // A daily bar is complete once its session is over; the simulated clock is never after a close on the same day.
    private static bool IsComplete(Bar bar, Timeframe timeframe, DateTime now) =>
        timeframe.IsDaily ? MarketTime.EasternDate(bar.StartUtc) < MarketTime.EasternDate(now) : bar.StartUtc + timeframe.Duration <= now;
}
