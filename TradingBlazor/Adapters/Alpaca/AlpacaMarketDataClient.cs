using System.Globalization;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Infrastructure.Configuration;

namespace TradingBlazor.Adapters.Alpaca;

/// <summary>Alpaca Market Data API v2 (stocks): historical bars, paged with the opaque next_page_token until it is null.</summary>
public sealed class AlpacaMarketDataClient : IHistoricalBars
{
    public const string DefaultUrl = "https://data.alpaca.markets/";
    private readonly AlpacaHttp _http;
    private readonly Uri _base;
    private readonly string _feed;

    public AlpacaMarketDataClient(AlpacaHttp http, AlpacaSettings settings)
    {
        _http = http;
        var url = string.IsNullOrWhiteSpace(settings.DataUrl) ? DefaultUrl : settings.DataUrl;
        _base = new Uri(url.EndsWith('/') ? url : url + "/");
        _feed = settings.Feed;
    }

    /// <summary>Alpaca's price adjustments for corporate actions.</summary>
    public static readonly string[] Adjustments = { "raw", "split", "dividend", "all" };

    public Task<IReadOnlyList<Bar>> GetBarsAsync(string symbol, Timeframe timeframe, DateTime fromUtc, DateTime toUtc, CancellationToken ct = default) =>
        GetBarsAsync(symbol, timeframe, fromUtc, toUtc, "raw", ct);

    /// <summary>Bars as traded (raw) or adjusted for splits, dividends or both (all), paged until the token is null.</summary>
    public async Task<IReadOnlyList<Bar>> GetBarsAsync(string symbol, Timeframe timeframe, DateTime fromUtc, DateTime toUtc, string adjustment, CancellationToken ct = default)
    {
        if (Array.IndexOf(Adjustments, adjustment) < 0) throw new ArgumentException($"adjustment must be one of {string.Join(", ", Adjustments)}", nameof(adjustment));
        var bars = new List<Bar>();
        string? token = null;
        do
        {
            var query = $"v2/stocks/{Uri.EscapeDataString(symbol)}/bars?timeframe={timeframe.AlpacaCode}&start={Rfc(fromUtc)}&end={Rfc(toUtc)}" +
                        $"&limit=10000&adjustment={adjustment}&feed={_feed}&sort=asc{(token is null ? "" : $"&page_token={Uri.EscapeDataString(token)}")}";
            var page = await _http.GetAsync<AlpacaBarsPage>(new Uri(_base, query), ct);
            bars.AddRange((page?.Bars ?? new List<AlpacaBar>()).Select(b => ToBar(symbol, timeframe, b)).Where(b => b.StartUtc < toUtc));
            token = page?.NextPageToken;
        } while (!string.IsNullOrEmpty(token));
        return bars;
    }

    /// <summary>
    /// Bars of several symbols in one paged query (Alpaca sorts by symbol, then time, and its limit counts across symbols,
    /// so a symbol can continue on the next page). Symbols without data are simply absent.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, List<Bar>>> GetBarsAsync(IReadOnlyCollection<string> symbols, Timeframe timeframe, DateTime fromUtc, DateTime toUtc, CancellationToken ct = default)
    {
        var result = new Dictionary<string, List<Bar>>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var query = $"v2/stocks/bars?symbols={Uri.EscapeDataString(string.Join(',', symbols))}&timeframe={timeframe.AlpacaCode}&start={Rfc(fromUtc)}&end={Rfc(toUtc)}" +
                        $"&limit=10000&adjustment=raw&feed={_feed}&sort=asc{(token is null ? "" : $"&page_token={Uri.EscapeDataString(token)}")}";
            var page = await _http.GetAsync<AlpacaMultiBarsPage>(new Uri(_base, query), ct);
            foreach (var (symbol, bars) in page?.Bars ?? new())
            {
                if (!result.TryGetValue(symbol, out var list)) result[symbol] = list = new List<Bar>();
                list.AddRange(bars.Select(b => ToBar(symbol, timeframe, b)).Where(b => b.StartUtc < toUtc));
            }
            token = page?.NextPageToken;
        } while (!string.IsNullOrEmpty(token));
        return result;
    }

    public async Task<IReadOnlyDictionary<string, AlpacaTrade>> GetLatestTradesAsync(IEnumerable<string> symbols, CancellationToken ct = default) =>
        (await _http.GetAsync<AlpacaLatestTrades>(Multi("v2/stocks/trades/latest", symbols), ct))?.Trades ?? new();

    public async Task<IReadOnlyDictionary<string, AlpacaQuote>> GetLatestQuotesAsync(IEnumerable<string> symbols, CancellationToken ct = default) =>
        (await _http.GetAsync<AlpacaLatestQuotes>(Multi("v2/stocks/quotes/latest", symbols), ct))?.Quotes ?? new();

    /// <summary>The latest minute bar of each symbol.</summary>
    public async Task<IReadOnlyDictionary<string, AlpacaBar>> GetLatestBarsAsync(IEnumerable<string> symbols, CancellationToken ct = default) =>
        (await _http.GetAsync<AlpacaLatestBars>(Multi("v2/stocks/bars/latest", symbols), ct))?.Bars ?? new();

    /// <summary>Snapshots: a top-level map of symbol to snapshot (no wrapper object).</summary>
    public async Task<IReadOnlyDictionary<string, AlpacaSnapshot>> GetSnapshotsAsync(IEnumerable<string> symbols, CancellationToken ct = default) =>
        await _http.GetAsync<Dictionary<string, AlpacaSnapshot>>(Multi("v2/stocks/snapshots", symbols), ct) ?? new();

    private Uri Multi(string path, IEnumerable<string> symbols) => new(_base, $"{path}?symbols={Uri.EscapeDataString(string.Join(',', symbols))}&feed={_feed}");

    private static Bar ToBar(string symbol, Timeframe timeframe, AlpacaBar b)
    {
        // Alpaca stamps daily bars at midnight New York time; ours start at the session open.
        var start = timeframe.IsDaily ? Domain.Time.MarketTime.ToUtc(Domain.Time.MarketTime.EasternDate(b.T.AddHours(12)), new TimeOnly(9, 30)) : b.T;
        return new Bar(symbol.ToUpperInvariant(), timeframe, start, b.O, b.H, b.L, b.C, b.V, b.Vw, b.N);
    }

    private static string Rfc(DateTime utc) => Uri.EscapeDataString(utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
