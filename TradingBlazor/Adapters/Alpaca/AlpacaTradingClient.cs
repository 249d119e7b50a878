using TradingBlazor.Infrastructure.Configuration;

namespace TradingBlazor.Adapters.Alpaca;

/// <summary>
/// Alpaca Trading API v2. Orders are idempotent: every order carries a client_order_id chosen (and stored) by the
/// caller before sending; a POST is never retried blindly. After an ambiguous failure the client asks
/// GET /v2/orders:by_client_order_id: found means the first attempt landed; 404 means it is safe to send again with the
/// same id; a "client_order_id must be unique" answer resolves to the existing order.
/// </summary>
public sealed class AlpacaTradingClient
{
    public const string PaperUrl = "https://paper-api.alpaca.markets/";
    public const string LiveUrl = "https://api.alpaca.markets/";

    private readonly AlpacaHttp _http;
    private readonly Uri _base;

    public AlpacaTradingClient(AlpacaHttp http, AlpacaSettings settings)
    {
        _http = http;
        var url = string.IsNullOrWhiteSpace(settings.TradingUrl) ? (settings.Paper ? PaperUrl : LiveUrl) : settings.TradingUrl;
        _base = new Uri(url.EndsWith('/') ? url : url + "/");
    }

    public Uri BaseUrl => _base;

    private Uri U(string relative) => new(_base, relative);

    public Task<AlpacaAccount?> GetAccountAsync(CancellationToken ct = default) => _http.GetAsync<AlpacaAccount>(U("v2/account"), ct);

    public Task<AlpacaClock?> GetClockAsync(CancellationToken ct = default) => _http.GetAsync<AlpacaClock>(U("v2/clock"), ct);

    public async Task<IReadOnlyList<AlpacaPosition>> GetPositionsAsync(CancellationToken ct = default) =>
        await _http.GetAsync<List<AlpacaPosition>>(U("v2/positions"), ct) ?? new List<AlpacaPosition>();

    public Task<AlpacaOrder?> GetOrderAsync(string id, CancellationToken ct = default) =>
        _http.GetAsync<AlpacaOrder>(U($"v2/orders/{Uri.EscapeDataString(id)}"), ct, notFoundIsNull: true);

    public Task<AlpacaOrder?> GetOrderByClientIdAsync(string clientOrderId, CancellationToken ct = default) =>
        _http.GetAsync<AlpacaOrder>(U($"v2/orders:by_client_order_id?client_order_id={Uri.EscapeDataString(clientOrderId)}"), ct, notFoundIsNull: true);

    /// <summary>Orders by status (open, closed, all), newest first unless <paramref name="ascending"/>; pages through Alpaca's 500 cap.</summary>
    public async Task<IReadOnlyList<AlpacaOrder>> GetOrdersAsync(string status = "open", DateTime? after = null, bool ascending = false, int max = 2000, CancellationToken ct = default)
    {
        var all = new List<AlpacaOrder>();
        DateTime? cursor = after;
        while (all.Count < max)
        {
            var query = $"v2/orders?status={status}&limit=500&direction=asc{(cursor is { } c ? $"&after={Uri.EscapeDataString(c.ToString("O"))}" : "")}";
            var page = await _http.GetAsync<List<AlpacaOrder>>(U(query), ct) ?? new List<AlpacaOrder>();
            all.AddRange(page);
            if (page.Count < 500 || page[^1].SubmittedAt is not { } last) break;
            cursor = last;
        }
        return ascending ? all : all.OrderByDescending(o => o.SubmittedAt).ToList();
    }

    /// <summary>Places an order exactly once, whatever the network does (see the class summary).</summary>
    public async Task<AlpacaOrder> SubmitOrderAsync(AlpacaOrderRequest order, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(order.ClientOrderId)) throw new ArgumentException("Every order needs a client_order_id, chosen and stored before sending.", nameof(order));
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return (await _http.WriteOnceAsync<AlpacaOrder>(HttpMethod.Post, U("v2/orders"), order, isOrder: true, ct))!;
            }
            catch (AlpacaApiException ex) when (ex.IsDuplicateClientOrderId)
            {
                return await GetOrderByClientIdAsync(order.ClientOrderId, ct)
                    ?? throw new AlpacaApiException(ex.Status, ex.Code, $"client_order_id {order.ClientOrderId} is taken but the order cannot be found");
            }
            catch (AlpacaAmbiguousException) when (attempt + 1 < AlpacaHttp.MaxAttempts)
            {
                // Did it land? Only a definite "not found" makes a resend safe.
                var existing = await GetOrderByClientIdAsync(order.ClientOrderId, ct);
                if (existing is not null) return existing;
                await Task.Delay(AlpacaHttp.DefaultBackoff(attempt), ct);
            }
        }
    }

    /// <summary>Requests a cancel (asynchronous at Alpaca: the order goes pending_cancel, then canceled).</summary>
    public Task CancelOrderAsync(string id, CancellationToken ct = default) =>
        _http.WriteOnceAsync<object>(HttpMethod.Delete, U($"v2/orders/{Uri.EscapeDataString(id)}"), null, isOrder: true, ct);
}
