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

    public async Task<IReadOnlyList<Bar>> GetBarsAsync(string symbol, Timeframe timeframe, DateTime fromUtc, DateTime toUtc, CancellationToken ct = default)
    {
        var bars = new List<Bar>();
        string? token = null;
        do
        {
            var query = $"v2/stocks/{Uri.EscapeDataString(symbol)}/bars?timeframe={timeframe.AlpacaCode}&start={Rfc(fromUtc)}&end={Rfc(toUtc)}" +
                        $"&limit=10000&adjustment=raw&feed={_feed}&sort=asc{(token is null ? "" : $"&page_token={Uri.EscapeDataString(token)}")}";
            var page = await _http.GetAsync<AlpacaBarsPage>(new Uri(_base, query), ct);
            foreach (var b in page?.Bars ?? new List<AlpacaBar>())
            {
                // Alpaca stamps daily bars at midnight New York time; ours start at the session open.
                var start = timeframe.IsDaily ? Domain.Time.MarketTime.ToUtc(Domain.Time.MarketTime.EasternDate(b.T.AddHours(12)), new TimeOnly(9, 30)) : b.T;
                if (start >= toUtc) continue;
                bars.Add(new Bar(symbol.ToUpperInvariant(), timeframe, start, b.O, b.H, b.L, b.C, b.V, b.Vw, b.N));
            }
            token = page?.NextPageToken;
        } while (!string.IsNullOrEmpty(token));
        return bars;
    }

    private static string Rfc(DateTime utc) => Uri.EscapeDataString(utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
