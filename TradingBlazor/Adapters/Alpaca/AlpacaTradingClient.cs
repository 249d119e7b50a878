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

    /// <summary>
    /// Orders by status (open, closed, all), newest first unless <paramref name="ascending"/>; pages through Alpaca's 500 cap.
    /// Pages overlap by a millisecond and are merged by id, because `after` is exclusive on submission time and orders
    /// sharing a timestamp at a page edge would otherwise be skipped.
    /// </summary>
    public async Task<IReadOnlyList<AlpacaOrder>> GetOrdersAsync(string status = "open", DateTime? after = null, bool ascending = false, int max = 2000, CancellationToken ct = default)
    {
        var all = new List<AlpacaOrder>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        DateTime? cursor = after;
        while (all.Count < max)
        {
            var query = $"v2/orders?status={status}&limit=500&direction=asc{(cursor is { } c ? $"&after={Uri.EscapeDataString(c.ToString("O"))}" : "")}";
            var page = await _http.GetAsync<List<AlpacaOrder>>(U(query), ct) ?? new List<AlpacaOrder>();
            int added = 0;
            foreach (var order in page) if (seen.Add(order.Id)) { all.Add(order); added++; }
            if (page.Count < 500 || added == 0 || page[^1].SubmittedAt is not { } last) break;
            cursor = last.AddMilliseconds(-1);
        }
        return ascending ? all : all.OrderByDescending(o => o.SubmittedAt).ToList();
    }

    /// <summary>Places an order exactly once, whatever the network does (see the class summary).</summary>
    public async Task<AlpacaOrder> SubmitOrderAsync(AlpacaOrderRequest order, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(order.ClientOrderId)) throw new ArgumentException("Every order needs a client_order_id, chosen and stored before sending.", nameof(order));
        AlpacaOrderRules.Validate(order);
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

    /// <summary>Cancels every open order: 207 with one status per order.</summary>
    public async Task<IReadOnlyList<AlpacaMultiStatus<AlpacaErrorBody>>> CancelAllOrdersAsync(CancellationToken ct = default) =>
        await _http.WriteOnceAsync<List<AlpacaMultiStatus<AlpacaErrorBody>>>(HttpMethod.Delete, U("v2/orders"), null, isOrder: true, ct) ?? new();

    /// <summary>
    /// Replaces an open order: Alpaca answers with a new order (new id, replaces = old id). Not retried: a lost answer is
    /// resolved by reading the old order's replaced_by.
    /// </summary>
    public async Task<AlpacaOrder> ReplaceOrderAsync(string id, AlpacaReplaceRequest change, CancellationToken ct = default)
    {
        try
        {
            return (await _http.WriteOnceAsync<AlpacaOrder>(HttpMethod.Patch, U($"v2/orders/{Uri.EscapeDataString(id)}"), change, isOrder: true, ct))!;
        }
        catch (AlpacaAmbiguousException)
        {
            var old = await GetOrderAsync(id, ct);
            if (old?.ReplacedBy is { } next && await GetOrderAsync(next, ct) is { } replacement) return replacement;
            throw;
        }
    }

    public Task<AlpacaPosition?> GetPositionAsync(string symbol, CancellationToken ct = default) =>
        _http.GetAsync<AlpacaPosition>(U($"v2/positions/{Uri.EscapeDataString(symbol)}"), ct, notFoundIsNull: true);

    /// <summary>Liquidates a position (all of it, or <paramref name="qty"/> shares, or a <paramref name="percentage"/>) with a market order.</summary>
    public async Task<AlpacaOrder> ClosePositionAsync(string symbol, decimal? qty = null, decimal? percentage = null, CancellationToken ct = default)
    {
        if (qty is not null && percentage is not null) throw new ArgumentException("Give qty or percentage, not both.", nameof(qty));
        if (percentage is < 0 or > 100) throw new ArgumentOutOfRangeException(nameof(percentage), percentage, "percentage must be between 0 and 100");
        var query = qty is { } q ? $"?qty={AlpacaJson.FormatDecimal(q)}" : percentage is { } p ? $"?percentage={AlpacaJson.FormatDecimal(p)}" : "";
        return (await _http.WriteOnceAsync<AlpacaOrder>(HttpMethod.Delete, U($"v2/positions/{Uri.EscapeDataString(symbol)}{query}"), null, isOrder: true, ct))!;
    }

    /// <summary>Liquidates every position (optionally cancelling open orders first): 207 with one status per symbol.</summary>
    public async Task<IReadOnlyList<AlpacaMultiStatus<AlpacaOrder>>> CloseAllPositionsAsync(bool cancelOrders, CancellationToken ct = default) =>
        await _http.WriteOnceAsync<List<AlpacaMultiStatus<AlpacaOrder>>>(HttpMethod.Delete, U($"v2/positions?cancel_orders={(cancelOrders ? "true" : "false")}"), null, isOrder: true, ct) ?? new();

    /// <summary>Executions (FILL activities) after an instant, oldest first, paging with page_token (the last item's id).</summary>
    public async Task<IReadOnlyList<AlpacaActivity>> GetFillActivitiesAsync(DateTime afterUtc, CancellationToken ct = default)
    {
        var all = new List<AlpacaActivity>();
        string? token = null;
        while (true)
        {
            var query = $"v2/account/activities/FILL?after={Uri.EscapeDataString(afterUtc.ToString("O"))}&direction=asc&page_size=100{(token is null ? "" : $"&page_token={Uri.EscapeDataString(token)}")}";
            var page = await _http.GetAsync<List<AlpacaActivity>>(U(query), ct) ?? new();
            all.AddRange(page);
            if (page.Count < 100) return all;
            token = page[^1].Id;
        }
    }

    public async Task<IReadOnlyList<AlpacaCalendarDay>> GetCalendarAsync(DateOnly from, DateOnly to, CancellationToken ct = default) =>
        await _http.GetAsync<List<AlpacaCalendarDay>>(U($"v2/calendar?start={from:yyyy-MM-dd}&end={to:yyyy-MM-dd}"), ct) ?? new();

    /// <summary>Assets by status (active, inactive) and class (us_equity), e.g. to check what is tradable and fractionable.</summary>
    public async Task<IReadOnlyList<AlpacaAsset>> GetAssetsAsync(string status = "active", string assetClass = "us_equity", CancellationToken ct = default) =>
        await _http.GetAsync<List<AlpacaAsset>>(U($"v2/assets?status={Uri.EscapeDataString(status)}&asset_class={Uri.EscapeDataString(assetClass)}"), ct) ?? new();

    public Task<AlpacaAsset?> GetAssetAsync(string symbol, CancellationToken ct = default) =>
        _http.GetAsync<AlpacaAsset>(U($"v2/assets/{Uri.EscapeDataString(symbol)}"), ct, notFoundIsNull: true);
}
