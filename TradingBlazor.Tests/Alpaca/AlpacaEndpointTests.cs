using TradingBlazor.Adapters.Alpaca;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Infrastructure.Configuration;

namespace TradingBlazor.Tests.Alpaca;

/// <summary>The rest of the REST surface, each call round-tripped against the fake.</summary>
public class AlpacaEndpointTests : IAsyncLifetime
{
    private FakeAlpaca _fake = null!;
    private AlpacaTradingClient _trading = null!;
    private AlpacaMarketDataClient _data = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeAlpaca.StartAsync();
        var settings = new AlpacaSettings { KeyId = FakeAlpaca.KeyId, SecretKey = FakeAlpaca.Secret, TradingUrl = _fake.BaseUrl, DataUrl = _fake.BaseUrl };
        var http = new AlpacaHttp(new HttpClient(), settings, new AlpacaRateLimiter(), _ => TimeSpan.FromMilliseconds(10));
        _trading = new AlpacaTradingClient(http, settings);
        _data = new AlpacaMarketDataClient(http, settings);
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private static AlpacaOrderRequest Order(string id, string type = "market", decimal qty = 10, decimal? limit = null, string side = "buy") => new()
    {
        Symbol = "AAPL", Qty = qty, Side = side, Type = type, TimeInForce = "day", ClientOrderId = id, LimitPrice = limit,
    };

    [Fact]
    public async Task Replace_makes_a_new_order_that_points_back_at_the_old_one()
    {
        _fake.MarketOpen = false;
        var original = await _trading.SubmitOrderAsync(Order("tb-rep-1", "limit", limit: 180m));
        var early = await Record.ExceptionAsync(() => _trading.ReplaceOrderAsync(original.Id, new AlpacaReplaceRequest { LimitPrice = 181m }));
        Assert.True(early is AlpacaApiException { Status: 422 }, early?.ToString()); // accepted: not yet replaceable
        _fake.MarketOpen = true;
        var routed = await _trading.SubmitOrderAsync(Order("tb-rep-2", "limit", limit: 180m));
        var replacement = await _trading.ReplaceOrderAsync(routed.Id, new AlpacaReplaceRequest { LimitPrice = 181.5m, Qty = 12, ClientOrderId = "tb-rep-2b" });
        Assert.NotEqual(routed.Id, replacement.Id);
        Assert.Equal((routed.Id, 181.5m, 12m, "tb-rep-2b"), (replacement.Replaces, replacement.LimitPrice!.Value, replacement.Qty!.Value, replacement.ClientOrderId));
        var old = await _trading.GetOrderAsync(routed.Id);
        Assert.Equal(("replaced", replacement.Id), (old!.Status, old.ReplacedBy));
    }

    [Fact]
    public async Task Cancel_all_answers_207_with_a_status_per_order()
    {
        var a = await _trading.SubmitOrderAsync(Order("tb-ca-1", "limit", limit: 150m));
        var b = await _trading.SubmitOrderAsync(Order("tb-ca-2", "limit", limit: 151m));
        await _trading.SubmitOrderAsync(Order("tb-ca-3")); // filled: nothing to cancel
        var results = await _trading.CancelAllOrdersAsync();
        Assert.Equal(new[] { a.Id, b.Id }.Order(), results.Select(r => r.Id).Order());
        Assert.All(results, r => Assert.Equal(200, r.Status));
        Assert.Empty(await _trading.GetOrdersAsync("open"));
    }

    [Fact]
    public async Task Positions_close_partially_by_qty_or_percentage_and_all_at_once()
    {
        await _trading.SubmitOrderAsync(Order("tb-pos-1", qty: 10));
        await _trading.SubmitOrderAsync(Order("tb-pos-2", qty: 4) with { Symbol = "MSFT" });
        var byQty = await _trading.ClosePositionAsync("AAPL", qty: 3);
        Assert.Equal(("sell", 3m, "filled"), (byQty.Side, byQty.Qty!.Value, byQty.Status));
        var byPct = await _trading.ClosePositionAsync("AAPL", percentage: 50);
        Assert.Equal(3.5m, byPct.Qty);
        Assert.Equal(3.5m, (await _trading.GetPositionAsync("AAPL"))!.Qty);
        var tooMuch = await Assert.ThrowsAsync<AlpacaApiException>(() => _trading.ClosePositionAsync("AAPL", qty: 99));
        Assert.Equal((403, 40310000), (tooMuch.Status, tooMuch.Code));
        await Assert.ThrowsAsync<ArgumentException>(() => _trading.ClosePositionAsync("AAPL", qty: 1, percentage: 5));

        var all = await _trading.CloseAllPositionsAsync(cancelOrders: true);
        Assert.Equal(new[] { "AAPL", "MSFT" }, all.Select(r => r.Symbol).Order());
        Assert.All(all, r => Assert.Equal("filled", r.Body!.Status));
        Assert.Empty(await _trading.GetPositionsAsync());
        Assert.Null(await _trading.GetPositionAsync("AAPL"));
    }

    [Fact]
    public async Task Order_lists_page_past_alpacas_500_cap_without_losing_orders_that_share_a_timestamp()
    {
        _fake.SeedOrders(1_203, new DateTime(2026, 11, 20, 15, 0, 0, DateTimeKind.Utc), perInstant: 3); // page edges fall inside same-instant groups
        var orders = await _trading.GetOrdersAsync("all", after: new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc), ascending: true);
        Assert.Equal(1_203, orders.Count);
        Assert.Equal(1_203, orders.Select(o => o.ClientOrderId).Distinct().Count());
        Assert.True(_fake.Requests["GET /v2/orders"] >= 3);
        Assert.Equal("seed-0", orders[0].ClientOrderId);
    }

    [Fact]
    public async Task Fill_activities_page_past_one_hundred()
    {
        var since = DateTime.UtcNow.AddSeconds(-1);
        for (int i = 0; i < 130; i++) await _trading.SubmitOrderAsync(Order($"tb-act-{i}", qty: 1));
        var fills = await _trading.GetFillActivitiesAsync(since);
        Assert.Equal(130, fills.Count);
        Assert.Equal(130, fills.Select(f => f.Id).Distinct().Count());
        Assert.All(fills, f => Assert.Equal(("FILL", "fill", 1m, 1m), (f.ActivityType, f.Type, f.Qty!.Value, f.CumQty!.Value)));
        Assert.True(_fake.Requests["GET /v2/account/activities/FILL"] >= 2);
    }

    [Fact]
    public async Task Calendar_assets_latest_values_and_snapshots_parse()
    {
        var days = await _trading.GetCalendarAsync(new DateOnly(2026, 11, 25), new DateOnly(2026, 11, 27));
        Assert.Equal(("2026-11-27", "13:00"), (days[1].Date, days[1].Close));
        var asset = await _trading.GetAssetAsync("AAPL");
        Assert.True(asset!.Tradable && asset.Fractionable);
        Assert.Null(await _trading.GetAssetAsync("NOPE"));
        var assets = await _trading.GetAssetsAsync();
        Assert.Equal(new[] { "AAPL", "MSFT", "SPY" }, assets.Select(a => a.Symbol));
        Assert.All(assets, a => Assert.Equal(("us_equity", "active"), (a.Class, a.Status)));
        Assert.Empty(await _trading.GetAssetsAsync(status: "inactive"));

        var trades = await _data.GetLatestTradesAsync(new[] { "AAPL", "MSFT" });
        Assert.Equal((190.25m, 300m, 10503L), (trades["AAPL"].P, trades["AAPL"].S, trades["AAPL"].I!.Value));
        Assert.Equal(new DateTime(2026, 11, 23, 15, 51, 44, DateTimeKind.Utc).AddTicks(2081234), trades["AAPL"].T); // nanoseconds truncated
        var quotes = await _data.GetLatestQuotesAsync(new[] { "MSFT" });
        Assert.Equal((410.38m, 410.42m), (quotes["MSFT"].Bp, quotes["MSFT"].Ap));
        Assert.Equal(501.10m, (await _data.GetLatestBarsAsync(new[] { "SPY" }))["SPY"].C);

        var snapshots = await _data.GetSnapshotsAsync(new[] { "AAPL", "SPY" });
        Assert.Equal(0m, snapshots["AAPL"].LatestQuote!.Ap); // no ask
        Assert.Null(snapshots["AAPL"].DailyBar);
        Assert.Equal(1.5m, snapshots["AAPL"].PrevDailyBar!.C);
        Assert.Null(snapshots["SPY"].LatestTrade);
        Assert.Null(snapshots["SPY"].MinuteBar);
    }

    [Fact]
    public async Task Multi_symbol_bars_page_across_symbols_with_the_limit_counted_in_total()
    {
        _fake.BarCount = 12_000; // 24,000 bars over 10,000-bar pages: three pages, MSFT starts mid-page
        var bars = await _data.GetBarsAsync(new[] { "MSFT", "AAPL" }, Timeframe.Minute1, new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 31, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(3, _fake.Requests["GET /v2/stocks/bars"]);
        Assert.Equal((12_000, 12_000), (bars["AAPL"].Count, bars["MSFT"].Count));
        Assert.True(bars["MSFT"].Zip(bars["MSFT"].Skip(1)).All(p => p.First.StartUtc < p.Second.StartUtc));
        Assert.Equal("MSFT", bars["MSFT"][0].Symbol);
    }

    [Fact]
    public async Task Chart_history_keeps_the_regular_session_and_builds_hours_from_the_0930_open()
    {
        var history = new AlpacaSessionBars(_data, new TradingBlazor.Domain.Calendar.NyseCalendar());
        var day = FakeAlpaca.FirstBar; // Monday 2026-11-02 09:30 ET; the fake's bars run on through the night
        var minutes = await history.GetBarsAsync("AAPL", Timeframe.Minute1, day.AddHours(-2), day.AddDays(1));
        Assert.Equal(390, minutes.Count); // 09:30-16:00 only: pre- and after-market minutes are dropped
        Assert.Equal((day, day.AddMinutes(389)), (minutes[0].StartUtc, minutes[^1].StartUtc));

        var hours = await history.GetBarsAsync("AAPL", Timeframe.Hour1, day, day.AddDays(1));
        Assert.Equal(Enumerable.Range(0, 7).Select(h => day.AddHours(h)), hours.Select(b => b.StartUtc)); // 09:30, 10:30, ... 15:30
        Assert.Equal(1000m + 1001 + 1002 + 1003, hours[0].Volume); // four 15-minute bars
        Assert.Equal(2 * 1000m + 24 + 25, hours[^1].Volume); // the last hour is 15:30-16:00: two bars
        Assert.All(hours, b => Assert.Equal(Timeframe.Hour1, b.Timeframe));
    }

    [Fact]
    public async Task The_standalone_fake_serves_a_month_of_history_up_to_now()
    {
        await using var live = await FakeAlpaca.StartAsync(liveMarket: true);
        var settings = new AlpacaSettings { KeyId = FakeAlpaca.KeyId, SecretKey = FakeAlpaca.Secret, DataUrl = live.BaseUrl };
        var data = new AlpacaMarketDataClient(new AlpacaHttp(new HttpClient(), settings, new AlpacaRateLimiter()), settings);
        var now = DateTime.UtcNow;
        var days = await data.GetBarsAsync("SPY", Timeframe.Minute15, now.AddDays(-40), now.AddDays(1));
        Assert.InRange(days[0].StartUtc, now.AddDays(-30).AddMinutes(-16), now.AddDays(-30).AddMinutes(15));
        Assert.InRange(days[^1].StartUtc, now.AddMinutes(-31), now);
        Assert.All(days, b => Assert.InRange(b.Close, 450m, 550m)); // around SPY's price
        Assert.True(days.Zip(days.Skip(1)).All(p => p.First.Close == p.Second.Open)); // continuous
    }

    [Theory]
    [InlineData("qty", null, null, "give exactly one of qty and notional")]
    [InlineData("limit_price", "limit", null, "a limit order needs limit_price")]
    [InlineData("limit_price", "limit", "180.123", "more than 2 decimals")]
    [InlineData("type", "bogus", null, "type must be one of")]
    public void Orders_that_break_alpacas_rules_are_refused_before_sending_naming_the_field(string field, string? type, string? limit, string message)
    {
        var order = new AlpacaOrderRequest
        {
            Symbol = "AAPL", Qty = field == "qty" ? null : 1, Side = "buy", Type = type ?? "market", TimeInForce = "day", ClientOrderId = "x",
            LimitPrice = limit is null ? null : decimal.Parse(limit, System.Globalization.CultureInfo.InvariantCulture),
        };
        var ex = Assert.Throws<ArgumentException>(() => AlpacaOrderRules.Validate(order));
        Assert.Equal(field, ex.ParamName);
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public async Task Bracket_oco_and_oto_legs_are_checked_and_a_valid_bracket_is_sent()
    {
        var bracket = Order("tb-br-1") with { OrderClass = "bracket", TakeProfit = new AlpacaLegPrice { LimitPrice = 200m }, StopLoss = new AlpacaLegPrice { StopPrice = 185m } };
        AlpacaOrderRules.Validate(bracket);
        var inverted = bracket with { TakeProfit = new AlpacaLegPrice { LimitPrice = 180m } };
        Assert.Equal("take_profit.limit_price", Assert.Throws<ArgumentException>(() => AlpacaOrderRules.Validate(inverted)).ParamName);
        Assert.Equal("stop_loss.stop_price", Assert.Throws<ArgumentException>(() => AlpacaOrderRules.Validate(bracket with { StopLoss = null })).ParamName);
        Assert.Equal("type", Assert.Throws<ArgumentException>(() => AlpacaOrderRules.Validate(bracket with { OrderClass = "oco" })).ParamName);
        var oco = Order("tb-oco-1", "limit", limit: 200m, side: "sell") with { OrderClass = "oco", TakeProfit = new AlpacaLegPrice { LimitPrice = 200m }, StopLoss = new AlpacaLegPrice { StopPrice = 185m } };
        AlpacaOrderRules.Validate(oco);
        Assert.Equal("order_class", Assert.Throws<ArgumentException>(() => AlpacaOrderRules.Validate(bracket with { OrderClass = "oto" })).ParamName);
        Assert.Equal("order_class", Assert.Throws<ArgumentException>(() => AlpacaOrderRules.Validate(Order("x") with { TakeProfit = new AlpacaLegPrice { LimitPrice = 1m } })).ParamName);

        var placed = await _trading.SubmitOrderAsync(bracket);
        Assert.Equal("bracket", placed.OrderClass);
        Assert.Equal(0, (await Assert.ThrowsAsync<ArgumentException>(() => _trading.SubmitOrderAsync(inverted with { ClientOrderId = "tb-br-2" }))).Message.IndexOf("take_profit", StringComparison.Ordinal));
        Assert.Equal(1, _fake.OrdersCreated); // the bad one never left
    }
}
