using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TradingBlazor.Adapters.Alpaca;
using TradingBlazor.Adapters.Alpaca.Streaming;

namespace TradingBlazor.Fakes;

/// <summary>What the fake does to the next request matching a method and path prefix.</summary>
public abstract record Fault
{
    /// <summary>Answer with this status (and optionally Retry-After) without processing.</summary>
    public sealed record Status(int Code, int? RetryAfterSeconds = null) : Fault;
    /// <summary>Process the request, then answer 500 anyway (the response is lost; the order exists).</summary>
    public sealed record ProcessThenFail : Fault;
    /// <summary>Process the request, then answer only after a delay (longer than the client's timeout).</summary>
    public sealed record ProcessThenStall(TimeSpan Delay) : Fault;
    /// <summary>Refuse an order with pattern-day-trader protection (403), as paper accounts under $25k do.</summary>
    public sealed record PatternDayTrader : Fault;
}

/// <summary>
/// A stateful fake of Alpaca's Trading and Market Data REST APIs on a real Kestrel at 127.0.0.1, following the spec's
/// checklist: auth on every path, decimals as strings, client_order_id uniqueness, 200 on create / 204 on cancel / 422 on
/// bad ids, GET /v2/orders as an array capped at 500, rate-limit headers, bar paging, and injectable faults.
/// </summary>
public sealed partial class FakeAlpaca : IAsyncDisposable
{
    public const string KeyId = "PKFAKEKEY0000000001";
    public const string Secret = "fake-secret-3f9a1c7e5b2d4a6c8e0f";

    private readonly object _gate = new();
    private readonly List<AlpacaOrder> _orders = new();
    private readonly List<AlpacaActivity> _activities = new();
    private readonly Dictionary<string, (decimal Qty, decimal AvgPrice)> _positions = new();
    private readonly ConcurrentQueue<(string Method, string Path, Fault Fault)> _faults = new();
    private WebApplication _app = null!;

    public decimal Cash { get; private set; } = 100_000m;
    public bool MarketOpen { get; set; } = true;
    public ConcurrentDictionary<string, decimal> Prices { get; } = new(new Dictionary<string, decimal> { ["AAPL"] = 190.25m, ["SPY"] = 501.10m, ["MSFT"] = 410.40m });
    public string BaseUrl { get; private set; } = "";
    /// <summary>Orders the fake actually created (the duplicate-order tests count these).</summary>
    public int OrdersCreated { get { lock (_gate) return _orders.Count; } }
    /// <summary>A copy of every order the fake holds, in creation order.</summary>
    public IReadOnlyList<AlpacaOrder> Orders { get { lock (_gate) return _orders.ToList(); } }
    /// <summary>The account's position in a symbol (0 when flat).</summary>
    public decimal PositionQty(string symbol) { lock (_gate) return _positions.GetValueOrDefault(symbol).Qty; }
    public ConcurrentDictionary<string, int> Requests { get; } = new();
    /// <summary>Every request line with its query, in arrival order.</summary>
    public ConcurrentQueue<string> RequestLines { get; } = new();
    public int BarCount { get; set; } = 2500;
    /// <summary>When set, the next market order fills only this fraction of its quantity (the rest stays open).</summary>
    public decimal? NextFillFraction { get; set; }
    public static readonly DateTime FirstBar = new(2026, 11, 2, 14, 30, 0, DateTimeKind.Utc);

    /// <summary>
    /// Starts the fake on 127.0.0.1 (port 0: any free one). With <paramref name="liveMarket"/> its bars run up to now and
    /// the data stream publishes trades every second and a bar every minute during the session (for trying the app);
    /// without, bars are a fixed series from <see cref="FirstBar"/> and only tests publish (for exact assertions).
    /// </summary>
    public static async Task<FakeAlpaca> StartAsync(int port = 0, bool liveMarket = false)
    {
        var fake = new FakeAlpaca { _live = liveMarket };
        if (liveMarket) fake.SeriesStart = TradingBlazor.Domain.Time.MarketTime.MinuteStart(DateTime.UtcNow).AddDays(-LiveHistoryDays);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        fake._app = app;
        app.UseWebSockets();
        fake.MapStreams(app);
        fake.Map(app);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";
        if (liveMarket) fake._market = Task.Run(() => fake.RunMarketAsync(fake._stopMarket.Token));
        return fake;
    }

    public void Inject(string method, string pathPrefix, Fault fault, int times = 1)
    {
        for (int i = 0; i < times; i++) _faults.Enqueue((method, pathPrefix, fault));
    }

    private Fault? TakeFault(HttpContext http)
    {
        if (!_faults.TryPeek(out var next)) return null;
        if (!string.Equals(next.Method, http.Request.Method, StringComparison.OrdinalIgnoreCase) || !http.Request.Path.StartsWithSegments(next.Path)) return null;
        return _faults.TryDequeue(out var taken) ? taken.Fault : null;
    }

    private void Map(WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            Requests.AddOrUpdate($"{http.Request.Method} {http.Request.Path}", 1, (_, n) => n + 1);
            RequestLines.Enqueue($"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}");
            if (http.WebSockets.IsWebSocketRequest) { await next(); return; } // streams authenticate in-band
            http.Response.Headers["X-RateLimit-Limit"] = "200";
            http.Response.Headers["X-RateLimit-Remaining"] = "150";
            http.Response.Headers["X-RateLimit-Reset"] = DateTimeOffset.UtcNow.AddSeconds(30).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            if (http.Request.Headers["APCA-API-KEY-ID"] != KeyId || http.Request.Headers["APCA-API-SECRET-KEY"] != Secret)
            {
                await Error(http, 401, 40110000, "request is not authorized");
                return;
            }
            var fault = TakeFault(http);
            switch (fault)
            {
                case Fault.Status s:
                    if (s.RetryAfterSeconds is { } ra) http.Response.Headers["Retry-After"] = ra.ToString(CultureInfo.InvariantCulture);
                    await Error(http, s.Code, s.Code * 100000, s.Code == 429 ? "rate limit exceeded" : "internal server error");
                    return;
                case Fault.PatternDayTrader:
                    await Error(http, 403, 40310100, "trade denied due to pattern day trading protection");
                    return;
                case Fault.ProcessThenFail:
                    var body = new MemoryStream();
                    var original = http.Response.Body;
                    http.Response.Body = body; // run the endpoint, throw its answer away
                    await next();
                    http.Response.Body = original;
                    http.Response.Clear();
                    await Error(http, 500, 50000000, "internal server error");
                    return;
                case Fault.ProcessThenStall stall:
                    var buffer = new MemoryStream();
                    var real = http.Response.Body;
                    http.Response.Body = buffer;
                    await next();
                    await Task.Delay(stall.Delay, http.RequestAborted).ContinueWith(_ => { });
                    http.Response.Body = real;
                    if (!http.RequestAborted.IsCancellationRequested) await real.WriteAsync(buffer.ToArray());
                    return;
            }
            await next();
        });

        app.MapGet("/v2/account", (HttpContext http) => Json(http, new AlpacaAccount
        {
            Id = "1d9eed04-be39-4e01-9b84-a48ac5bbafcf", AccountNumber = "PAFAKE0001", Status = "ACTIVE", Currency = "USD",
            Cash = Cash, Equity = Cash + PositionValue(), BuyingPower = Cash, LongMarketValue = PositionValue(), Multiplier = 1, DaytradeCount = 0,
        }));
        app.MapGet("/v2/clock", (HttpContext http) => http.Response.WriteAsync(
            $"{{\"timestamp\":\"2026-11-23T10:32:24.143735881-05:00\",\"is_open\":{(MarketOpen ? "true" : "false")},\"next_open\":\"2026-11-24T09:30:00-05:00\",\"next_close\":\"2026-11-23T16:00:00-05:00\"}}"));
        app.MapGet("/v2/positions", (HttpContext http) =>
        {
            lock (_gate) return Json(http, _positions.Select(p => Position(p.Key)).ToList());
        });
        app.MapPost("/v2/orders", CreateOrder);
        app.MapGet("/v2/orders", (HttpContext http) =>
        {
            var status = http.Request.Query["status"].FirstOrDefault() ?? "open";
            int limit = Math.Min(int.TryParse(http.Request.Query["limit"], out var l) ? l : 50, 500);
            lock (_gate)
            {
                var after = http.Request.Query["after"].FirstOrDefault() is { } a ? AlpacaJson.ParseTimestamp(a) : DateTime.MinValue;
                var query = _orders.Where(o => (status == "all" || (status == "open") == IsOpen(o.Status)) && o.SubmittedAt > after);
                var list = (http.Request.Query["direction"] == "asc" ? query : query.Reverse()).Take(limit).ToList();
                return Json(http, list);
            }
        });
        app.MapGet("/v2/orders:by_client_order_id", (HttpContext http) =>
        {
            var id = http.Request.Query["client_order_id"].FirstOrDefault();
            lock (_gate)
            {
                var order = _orders.FirstOrDefault(o => o.ClientOrderId == id);
                return order is null ? Error(http, 404, 40410000, "order not found") : Json(http, order);
            }
        });
        app.MapGet("/v2/orders/{id}", (HttpContext http, string id) =>
        {
            if (!Guid.TryParse(id, out _)) return Error(http, 422, 40010001, "order_id is missing");
            lock (_gate)
            {
                var order = _orders.FirstOrDefault(o => o.Id == id);
                return order is null ? Error(http, 404, 40410000, "order not found") : Json(http, order);
            }
        });
        app.MapDelete("/v2/orders/{id}", (HttpContext http, string id) =>
        {
            if (!Guid.TryParse(id, out _)) return Error(http, 422, 40010001, "order_id is missing");
            lock (_gate)
            {
                int i = _orders.FindIndex(o => o.Id == id);
                if (i < 0) return Error(http, 404, 40410000, "order not found");
                if (!IsOpen(_orders[i].Status)) return Error(http, 422, 42210000, "order is not cancelable");
                _orders[i] = _orders[i] with { Status = "canceled", CanceledAt = DateTime.UtcNow };
                Publish("canceled", _orders[i]);
            }
            http.Response.StatusCode = 204;
            return Task.CompletedTask;
        });
        MapMoreRest(app);
        app.MapGet("/v2/stocks/{symbol}/bars", Bars);
    }

    private async Task CreateOrder(HttpContext http)
    {
        JsonElement body;
        try { body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body); }
        catch (JsonException) { await Error(http, 400, 40010000, "request body format is invalid"); return; }

        string? Str(string name) => body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        decimal? Dec(string name) => body.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.Number => v.GetDecimal(),
            JsonValueKind.String => decimal.Parse(v.GetString()!, CultureInfo.InvariantCulture),
            _ => null,
        } : null;

        var symbol = Str("symbol");
        var side = Str("side");
        var type = Str("type");
        var tif = Str("time_in_force");
        var qty = Dec("qty");
        var notional = Dec("notional");
        var clientId = Str("client_order_id") ?? Guid.NewGuid().ToString();
        if (symbol is null || side is null || type is null || tif is null) { await Error(http, 422, 40010001, "input parameters are not recognized"); return; }
        if ((qty is null) == (notional is null)) { await Error(http, 422, 40010001, "qty or notional is required, not both"); return; }
        if (Dec("limit_price") is { } lp && lp >= 1 && decimal.Round(lp, 2) != lp) { await Error(http, 422, 42210000, $"invalid limit_price {lp}. sub-penny increment does not fulfill minimum pricing criteria"); return; }

        AlpacaOrder? order = null;
        (int Status, int Code, string Message)? rejection = null;
        lock (_gate)
        {
            decimal price = Prices.TryGetValue(symbol, out var p) ? p : 100m;
            decimal shares = qty ?? Math.Round(notional!.Value / price, 9, MidpointRounding.ToZero);
            if (_orders.Any(o => o.ClientOrderId == clientId)) rejection = (422, 40010001, "client_order_id must be unique");
            else if (side == "buy" && shares * price > Cash) rejection = (403, 40310000, "insufficient buying power");
            else order = Create(symbol, side, type, tif, qty, notional, shares, price, clientId, Dec("limit_price"), Dec("stop_price"), Str("order_class"));
        }
        if (rejection is { } r) await Error(http, r.Status, r.Code, r.Message);
        else await Json(http, order!);
    }

    // Under the lock: records the order; when the market is open a market order fills at the current price (all of it,
    // or NextFillFraction of it). Events go out on the trade_updates stream as they would at Alpaca.
    private AlpacaOrder Create(string symbol, string side, string type, string tif, decimal? qty, decimal? notional, decimal shares, decimal price, string clientId, decimal? limit, decimal? stop, string? orderClass)
    {
        var now = DateTime.UtcNow;
        var order = new AlpacaOrder
        {
            Id = Guid.NewGuid().ToString(), ClientOrderId = clientId, CreatedAt = now, UpdatedAt = now, SubmittedAt = now,
            Symbol = symbol, Qty = qty ?? shares, Notional = notional, FilledQty = 0, Type = type, Side = side, TimeInForce = tif,
            LimitPrice = limit, StopPrice = stop, Status = MarketOpen ? "new" : "accepted", OrderClass = orderClass ?? "",
        };
        _orders.Add(order);
        Publish(order.Status, order);
        if (MarketOpen && type == "market")
        {
            decimal fill = NextFillFraction is { } f ? Math.Round(shares * f, 0, MidpointRounding.ToZero) : shares;
            NextFillFraction = null;
            order = Execute(order.Id, fill, price);
        }
        return order;
    }

    /// <summary>Adds filled orders directly (no requests), <paramref name="perInstant"/> at a time sharing one submission timestamp.</summary>
    public void SeedOrders(int count, DateTime firstUtc, int perInstant)
    {
        lock (_gate)
        {
            for (int i = 0; i < count; i++)
            {
                var at = firstUtc.AddMilliseconds(i / perInstant);
                _orders.Add(new AlpacaOrder
                {
                    Id = Guid.NewGuid().ToString(), ClientOrderId = $"seed-{i}", CreatedAt = at, SubmittedAt = at, UpdatedAt = at, FilledAt = at, Symbol = "SPY",
                    Qty = 1, FilledQty = 1, FilledAvgPrice = 500m, Type = "market", Side = "buy", TimeInForce = "day", Status = "filled", OrderClass = "",
                });
            }
        }
    }

    /// <summary>Fills (part of) an open order now, as the market would: positions, cash, an activity and a trade update.</summary>
    public AlpacaOrder Execute(string orderId, decimal qty, decimal price)
    {
        lock (_gate)
        {
            int i = _orders.FindIndex(o => o.Id == orderId);
            var o = _orders[i];
            var now = DateTime.UtcNow;
            decimal cum = o.FilledQty + qty;
            decimal avg = ((o.FilledAvgPrice ?? 0) * o.FilledQty + qty * price) / cum;
            bool done = cum >= o.Qty;
            o = _orders[i] = o with { FilledQty = cum, FilledAvgPrice = avg, Status = done ? "filled" : "partially_filled", FilledAt = done ? now : null, UpdatedAt = now };
            decimal signed = o.Side == "buy" ? qty : -qty;
            Cash -= signed * price;
            var (held, heldAvg) = _positions.GetValueOrDefault(o.Symbol);
            decimal newQty = held + signed;
            if (newQty == 0) _positions.Remove(o.Symbol);
            else _positions[o.Symbol] = (newQty, o.Side == "buy" ? (held * heldAvg + qty * price) / newQty : heldAvg);
            string kind = done ? "fill" : "partial_fill";
            _activities.Add(new AlpacaActivity
            {
                Id = $"{now:yyyyMMddHHmmssfff}::{Guid.NewGuid()}", ActivityType = "FILL", TransactionTime = now, Type = kind, Price = price, Qty = qty,
                Side = o.Side, Symbol = o.Symbol, LeavesQty = o.Qty - cum, OrderId = o.Id, CumQty = cum, OrderStatus = o.Status,
            });
            Publish(new AlpacaTradeUpdate { Event = kind, Order = o, Timestamp = now, Price = price, Qty = qty, PositionQty = newQty, ExecutionId = Guid.NewGuid().ToString() });
            return o;
        }
    }

    private Task Bars(HttpContext http, string symbol)
    {
        var (step, lo, hi, limit) = BarQuery(http);
        int start = PageStart(http) ?? lo;
        var bars = new StringBuilder("[");
        int end = Math.Min(start + limit, hi);
        for (int i = start; i < end; i++)
        {
            if (i > start) bars.Append(',');
            bars.Append(BarJson(symbol, i, step));
        }
        bars.Append(']');
        var next = end < hi ? PageToken(end) : "null";
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync($"{{\"bars\":{bars},\"symbol\":\"{symbol}\",\"next_page_token\":{next}}}");
    }

    /// <summary>A bar request's size (minutes per bar), the bar indexes [lo, hi) its inclusive start and end select, and its page limit.</summary>
    private (int Step, int Lo, int Hi, int Limit) BarQuery(HttpContext http)
    {
        int limit = Math.Clamp(int.TryParse(http.Request.Query["limit"], out var l) ? l : 1000, 1, 10_000);
        int step = http.Request.Query["timeframe"].FirstOrDefault() switch { "5Min" => 5, "15Min" => 15, "1Hour" => 60, _ => 1 };
        int lo = 0, hi = SeriesLength(step); // bar i starts at SeriesStart + i·step minutes
        if (http.Request.Query["start"].FirstOrDefault() is { } from) lo = Math.Max(lo, (int)Math.Ceiling((AlpacaJson.ParseTimestamp(from) - SeriesStart).TotalMinutes / step));
        if (http.Request.Query["end"].FirstOrDefault() is { } to) hi = Math.Min(hi, (int)Math.Floor((AlpacaJson.ParseTimestamp(to) - SeriesStart).TotalMinutes / step) + 1);
        return (step, lo, Math.Max(hi, lo), limit);
    }

    /// <summary>Bar pages resume at an index, sent as an opaque base64 token (clients must not parse it).</summary>
    private static string PageToken(int next) => $"\"{Convert.ToBase64String(Encoding.UTF8.GetBytes(next.ToString(CultureInfo.InvariantCulture)))}\"";

    private static int? PageStart(HttpContext http) =>
        http.Request.Query["page_token"].FirstOrDefault() is { } token ? int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)), CultureInfo.InvariantCulture) : null;

    private AlpacaPosition Position(string symbol)
    {
        var (qty, avg) = _positions[symbol];
        decimal price = Prices.GetValueOrDefault(symbol, 100m);
        return new AlpacaPosition { Symbol = symbol, Qty = qty, QtyAvailable = qty, AvgEntryPrice = avg, Side = qty >= 0 ? "long" : "short", MarketValue = qty * price, CostBasis = qty * avg, CurrentPrice = price };
    }

    private decimal PositionValue()
    {
        lock (_gate) return _positions.Sum(p => p.Value.Qty * Prices.GetValueOrDefault(p.Key, 100m));
    }

    private static bool IsOpen(string status) => status is "new" or "accepted" or "partially_filled" or "pending_new" or "held";

    private static Task Json(HttpContext http, object value)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(value, value.GetType(), AlpacaJson.Options));
    }

    private static Task Error(HttpContext http, int status, int code, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new { code, message }));
    }

    public async ValueTask DisposeAsync()
    {
        _stopMarket.Cancel();
        await _market;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
