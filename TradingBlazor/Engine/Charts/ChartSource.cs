using TradingBlazor.Adapters.Alpaca;
using TradingBlazor.Adapters.Simulated;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Time;
using TradingBlazor.Engine.Brokerage;

namespace TradingBlazor.Engine.Charts;

/// <summary>
/// Where a symbol's chart data comes from: its history, its live feed (if any) and what "now" is for it.
/// <paramref name="HistoryFromUtc"/>: where the chart's history starts (imported series: their first bar); null for a
/// window back from now that suits the timeframe.
/// </summary>
public sealed record ChartSource(IHistoricalBars History, IMarketDataFeed? Feed, Func<DateTime> Now, bool IsSimulated, string Name, DateTime? HistoryFromUtc = null);

/// <summary>
/// Watchlist symbols chart live: from Alpaca while an Alpaca account is connected, otherwise from the simulated market.
/// Anything else charts from the bar store (imported history).
/// </summary>
public sealed class ChartSourceResolver
{
    private readonly SimulatedMarket _simulated;
    private readonly IMarketDataFeed _feed;
    private readonly IBarStore _store;
    private readonly BrokerConnection _broker;
    private readonly IMarketCalendar _calendar;
    private readonly TimeProvider _clock;

    public ChartSourceResolver(SimulatedMarket simulated, IMarketDataFeed feed, IBarStore store, BrokerConnection broker, IMarketCalendar calendar, TimeProvider clock)
    {
        _simulated = simulated;
        _feed = feed;
        _store = store;
        _broker = broker;
        _calendar = calendar;
        _clock = clock;
    }

    public async Task<IReadOnlyList<string>> SymbolsAsync(CancellationToken ct = default)
    {
        var stored = (await _store.ListSeriesAsync(ct)).Select(s => s.Symbol);
        return _simulated.Symbols.Concat(stored).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    public async Task<ChartSource> ResolveAsync(string symbol, Timeframe timeframe, CancellationToken ct = default)
    {
        bool watchlist = _simulated.Symbols.Contains(symbol, StringComparer.OrdinalIgnoreCase);
        if (watchlist && _broker.Alpaca is { } alpaca)
        {
            alpaca.MarketData.Subscribe(new[] { symbol });
            return new ChartSource(new AlpacaSessionBars(alpaca.Data, _calendar), alpaca.MarketData, () => _clock.UtcNow(), false, alpaca.MarketData.Name);
        }
        if (watchlist)
            return new ChartSource(_simulated, _feed, () => _simulated.Clock.UtcNow(), true, SimulatedMarket.DisplayName);
        var series = (await _store.ListSeriesAsync(ct)).Where(s => string.Equals(s.Symbol, symbol, StringComparison.OrdinalIgnoreCase)).ToList();
        // Imported data is charted in its own timeframe when the requested one is not stored.
        var stored = series.FirstOrDefault(s => s.Timeframe == timeframe);
        var last = stored?.LastUtc ?? series.Select(s => s.LastUtc).DefaultIfEmpty(_clock.UtcNow()).Max();
        return new ChartSource(_store, null, () => last.AddMinutes(1), false, "Imported history", stored is null ? null : HistoryStart(stored));
    }

    /// <summary>The most candles a chart of imported history loads: all of a daily series since 1945, or the latest part of a longer one.</summary>
    public const int MaxImportedCandles = 20_000;

    // An imported series is charted whole; a longer one from where its last MaxImportedCandles bars about begin
    // (bars are spread evenly enough over a series for the proportion to hold).
    private static DateTime HistoryStart(StoredSeries series) =>
        series.Count <= MaxImportedCandles
            ? series.FirstUtc
            : series.LastUtc - TimeSpan.FromTicks((series.LastUtc - series.FirstUtc).Ticks / series.Count * MaxImportedCandles);
}
