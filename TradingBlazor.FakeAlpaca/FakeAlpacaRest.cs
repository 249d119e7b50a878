using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TradingBlazor.Adapters.Alpaca;

namespace TradingBlazor.Fakes;

// The rest of the Trading and Market Data REST surface: replace, bulk cancel, positions, activities, calendar, assets,
// latest values and snapshots, multi-symbol bars.
public sealed partial class FakeAlpaca
{
    private void MapMoreRest(WebApplication app)
    {
        app.MapMethods("/v2/orders/{id}", new[] { "PATCH" }, async (HttpContext http, string id) =>
        {
            var body = await JsonSerializer.DeserializeAsync<AlpacaReplaceRequest>(http.Request.Body, AlpacaJson.Options);
            await Replace(http, id, body);
        });
        app.MapDelete("/v2/orders", (HttpContext http) =>
        {
            lock (_gate)
            {
                var results = new List<object>();
                for (int i = 0; i < _orders.Count; i++)
                {
                    if (!IsOpen(_orders[i].Status)) continue;
                    _orders[i] = _orders[i] with { Status = "canceled", CanceledAt = DateTime.UtcNow };
                    Publish("canceled", _orders[i]);
                    results.Add(new { id = _orders[i].Id, status = 200 });
                }
                http.Response.StatusCode = 207;
                return Json(http, results);
            }
        });
        app.MapGet("/v2/positions/{symbol}", (HttpContext http, string symbol) =>
        {
            lock (_gate) return _positions.ContainsKey(symbol) ? Json(http, Position(symbol)) : Error(http, 404, 40410000, "position does not exist");
        });
        app.MapDelete("/v2/positions/{symbol}", (HttpContext http, string symbol) =>
        {
            lock (_gate)
            {
                if (!_positions.TryGetValue(symbol, out var held)) return Error(http, 404, 40410000, "position does not exist");
                decimal qty = http.Request.Query["qty"].FirstOrDefault() is { } q ? decimal.Parse(q, CultureInfo.InvariantCulture)
                    : http.Request.Query["percentage"].FirstOrDefault() is { } pct ? Math.Round(Math.Abs(held.Qty) * decimal.Parse(pct, CultureInfo.InvariantCulture) / 100, 9, MidpointRounding.ToZero)
                    : Math.Abs(held.Qty);
                if (qty > Math.Abs(held.Qty)) return Error(http, 403, 40310000, $"insufficient qty available for order (requested: {qty}, available: {Math.Abs(held.Qty)})");
                return Json(http, Liquidate(symbol, qty));
            }
        });
        app.MapDelete("/v2/positions", (HttpContext http) =>
        {
            lock (_gate)
            {
                var results = _positions.Keys.ToList().Select(symbol => (object)new { symbol, status = 200, body = Liquidate(symbol, Math.Abs(_positions[symbol].Qty)) }).ToList();
                http.Response.StatusCode = 207;
                return Json(http, results);
            }
        });
        app.MapGet("/v2/account/activities/FILL", (HttpContext http) =>
        {
            var after = http.Request.Query["after"].FirstOrDefault() is { } a ? AlpacaJson.ParseTimestamp(a) : DateTime.MinValue;
            int size = Math.Clamp(int.TryParse(http.Request.Query["page_size"], out var n) ? n : 100, 1, 100);
            var token = http.Request.Query["page_token"].FirstOrDefault();
            lock (_gate)
            {
                var list = _activities.Where(x => x.TransactionTime > after).ToList();
                if (http.Request.Query["direction"] != "asc") list.Reverse();
                if (token is not null) list = list.SkipWhile(x => x.Id != token).Skip(1).ToList();
                return Json(http, list.Take(size).ToList());
            }
        });
        app.MapGet("/v2/calendar", (HttpContext http) => http.Response.WriteAsync(
            """[{"date":"2026-11-25","open":"09:30","close":"16:00","session_open":"0400","session_close":"2000","settlement_date":"2026-11-27"},{"date":"2026-11-27","open":"09:30","close":"13:00","session_open":"0400","session_close":"2000"}]"""));
        app.MapGet("/v2/assets/{symbol}", (HttpContext http, string symbol) => Prices.ContainsKey(symbol)
            ? http.Response.WriteAsync(AssetJson(symbol))
            : Error(http, 404, 40410000, "asset not found"));
        app.MapGet("/v2/assets", (HttpContext http) => http.Response.WriteAsync(
            http.Request.Query["status"] == "inactive" ? "[]" : "[" + string.Join(',', Prices.Keys.Order(StringComparer.Ordinal).Select(AssetJson)) + "]"));
        app.MapGet("/v2/stocks/trades/latest", (HttpContext http) => Latest(http, "trades", s => $$"""{"t":"2026-11-23T15:51:44.208123456Z","x":"V","p":{{Prices[s]}},"s":300,"c":["@"],"i":10503,"z":"C"}"""));
        app.MapGet("/v2/stocks/quotes/latest", (HttpContext http) => Latest(http, "quotes", s => $$"""{"t":"2026-11-23T15:51:45.335689322Z","ax":"Q","ap":{{Prices[s] + 0.02m}},"as":1,"bx":"Q","bp":{{Prices[s] - 0.02m}},"bs":2,"c":["R"],"z":"C"}"""));
        app.MapGet("/v2/stocks/bars/latest", (HttpContext http) => Latest(http, "bars", s => $$"""{"t":"2026-11-23T15:51:00Z","o":{{Prices[s]}},"h":{{Prices[s]}},"l":{{Prices[s]}},"c":{{Prices[s]}},"v":100,"n":3,"vw":{{Prices[s]}}}"""));
        app.MapGet("/v2/stocks/snapshots", (HttpContext http) =>
        {
            var symbols = Symbols(http);
            // AAPL gets every member; the others show that members may be missing or null.
            return http.Response.WriteAsync("{" + string.Join(',', symbols.Select(s => s == "AAPL"
                ? $$$"""
                   "AAPL":{"latestTrade":{"t":"2026-11-23T15:51:44.208Z","x":"V","p":{{{Prices[s]}}},"s":5,"c":["@"],"i":7,"z":"C"},"latestQuote":{"t":"2026-11-23T15:51:45Z","ax":"Q","ap":0,"as":0,"bx":"Q","bp":{{{Prices[s]}}},"bs":1,"c":["R"],"z":"C"},"minuteBar":{"t":"2026-11-23T15:50:00Z","o":1,"h":1,"l":1,"c":1,"v":1,"n":1,"vw":1},"dailyBar":null,"prevDailyBar":{"t":"2026-11-20T05:00:00Z","o":1,"h":2,"l":0.5,"c":1.5,"v":10,"n":2,"vw":1.2}}
                   """
                : $$"""
                   "{{s}}":{"latestTrade":null}
                   """)) + "}");
        });
        app.MapGet("/v2/stocks/bars", MultiBars);
    }


    private Task Replace(HttpContext http, string id, AlpacaReplaceRequest? body)
    {
        lock (_gate)
        {
            int i = _orders.FindIndex(o => o.Id == id);
            if (i < 0) return Error(http, 404, 40410000, "order not found");
            var old = _orders[i];
            if (!IsOpen(old.Status) || old.Status == "accepted") return Error(http, 422, 42210000, "order is not replaceable");
            if (old.Notional is not null) return Error(http, 422, 42210000, "notional orders cannot be replaced");
            var clientId = body?.ClientOrderId ?? Guid.NewGuid().ToString();
            if (_orders.Any(o => o.ClientOrderId == clientId)) return Error(http, 422, 40010001, "client_order_id must be unique");
            var now = DateTime.UtcNow;
            var replacement = old with
            {
                Id = Guid.NewGuid().ToString(), ClientOrderId = clientId, Replaces = old.Id, CreatedAt = now, SubmittedAt = now, UpdatedAt = now,
                Qty = body?.Qty ?? old.Qty, LimitPrice = body?.LimitPrice ?? old.LimitPrice, StopPrice = body?.StopPrice ?? old.StopPrice,
                TimeInForce = body?.TimeInForce ?? old.TimeInForce, Status = "new",
            };
            _orders[i] = old with { Status = "replaced", ReplacedBy = replacement.Id, UpdatedAt = now };
            _orders.Add(replacement);
            Publish("replaced", _orders[i]);
            return Json(http, replacement);
        }
    }

    // Under the lock: a market sell (or buy to cover) of qty shares, filled now.
    private AlpacaOrder Liquidate(string symbol, decimal qty)
    {
        decimal price = Prices.GetValueOrDefault(symbol, 100m);
        string side = _positions[symbol].Qty > 0 ? "sell" : "buy";
        return Create(symbol, side, "market", "day", qty, null, qty, price, Guid.NewGuid().ToString(), null, null, null);
    }

    private static string AssetJson(string symbol) =>
        $$"""{"id":"{{new Guid(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(symbol)))}}","class":"us_equity","exchange":"NASDAQ","symbol":"{{symbol}}","name":"{{symbol}} Inc.","status":"active","tradable":true,"marginable":true,"shortable":true,"easy_to_borrow":true,"fractionable":true,"maintenance_margin_requirement":30,"attributes":["has_options"]}""";

    private static string[] Symbols(HttpContext http) => (http.Request.Query["symbols"].FirstOrDefault() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);

    private Task Latest(HttpContext http, string key, Func<string, string> item)
    {
        var known = Symbols(http).Where(Prices.ContainsKey);
        return http.Response.WriteAsync($"{{\"{key}\":{{" + string.Join(',', known.Select(s => $"\"{s}\":{item(s)}")) + "}}");
    }

    // Sorted by symbol, then time; the limit counts across symbols, so a symbol continues on the next page.
    private Task MultiBars(HttpContext http)
    {
        var symbols = Symbols(http).Order(StringComparer.Ordinal).ToArray();
        var (step, lo, hi, limit) = BarQuery(http);
        int start = PageStart(http) ?? 0; // a position across all symbols' selected bars
        int count = hi - lo, total = symbols.Length * count, end = Math.Min(start + limit, total);
        var json = new System.Text.StringBuilder("{\"bars\":{");
        for (int k = start; k < end; k++)
        {
            string symbol = symbols[k / count];
            int i = k % count;
            bool first = k == start || i == 0;
            if (first) json.Append(k == start ? "" : "],").Append('"').Append(symbol).Append("\":[");
            else json.Append(',');
            json.Append(BarJson(symbol, lo + i, step));
        }
        json.Append(end > start ? "]" : "").Append("},\"next_page_token\":");
        json.Append(end < total ? PageToken(end) : "null").Append('}');
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(json.ToString());
    }
}
