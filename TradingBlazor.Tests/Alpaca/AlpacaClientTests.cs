using System.Text.Json;
using TradingBlazor.Adapters.Alpaca;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Infrastructure.Configuration;

namespace TradingBlazor.Tests.Alpaca;

public class AlpacaClientTests : IAsyncLifetime
{
    private FakeAlpaca _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeAlpaca.StartAsync();
    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private (AlpacaTradingClient Trading, AlpacaMarketDataClient Data) Clients(string? secret = null, TimeSpan? timeout = null)
    {
        var settings = new AlpacaSettings { KeyId = FakeAlpaca.KeyId, SecretKey = secret ?? FakeAlpaca.Secret, TradingUrl = _fake.BaseUrl, DataUrl = _fake.BaseUrl };
        var http = new AlpacaHttp(new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(10) }, settings, new AlpacaRateLimiter(), _ => TimeSpan.FromMilliseconds(10));
        return (new AlpacaTradingClient(http, settings), new AlpacaMarketDataClient(http, settings));
    }

    private static AlpacaOrderRequest Buy(string clientId, decimal qty = 2) => new()
    {
        Symbol = "AAPL", Qty = qty, Side = "buy", Type = "market", TimeInForce = "day", ClientOrderId = clientId,
    };

    [Fact]
    public async Task Account_clock_orders_and_positions_round_trip()
    {
        var (trading, _) = Clients();
        var account = await trading.GetAccountAsync();
        Assert.Equal("ACTIVE", account!.Status);
        Assert.Equal(100_000m, account.Cash);
        var clock = await trading.GetClockAsync();
        Assert.True(clock!.IsOpen);
        Assert.Equal(new DateTime(2026, 11, 23, 15, 32, 24, DateTimeKind.Utc).AddTicks(1437358), clock.Timestamp); // 9 digits, ET offset

        var order = await trading.SubmitOrderAsync(Buy("tb-rt-1"));
        Assert.Equal("filled", order.Status);
        Assert.Equal(2m, order.FilledQty);
        Assert.Equal(order.Id, (await trading.GetOrderAsync(order.Id))!.Id);
        Assert.Equal(order.Id, (await trading.GetOrderByClientIdAsync("tb-rt-1"))!.Id);
        Assert.Null(await trading.GetOrderByClientIdAsync("never-sent"));
        var position = Assert.Single(await trading.GetPositionsAsync());
        Assert.Equal(("AAPL", 2m, 190.25m), (position.Symbol, position.Qty, position.AvgEntryPrice));
        Assert.Equal(100_000m - 2 * 190.25m, (await trading.GetAccountAsync())!.Cash);
        Assert.Contains(await trading.GetOrdersAsync("all"), o => o.Id == order.Id);
    }

    [Fact]
    public async Task Cancel_answers_204_and_a_terminal_order_gets_a_typed_422()
    {
        var (trading, _) = Clients();
        _fake.MarketOpen = false;
        var open = await trading.SubmitOrderAsync(Buy("tb-cancel-1"));
        Assert.Equal("accepted", open.Status);
        await trading.CancelOrderAsync(open.Id);
        Assert.Equal("canceled", (await trading.GetOrderAsync(open.Id))!.Status);
        var ex = await Assert.ThrowsAsync<AlpacaApiException>(() => trading.CancelOrderAsync(open.Id));
        Assert.Equal((422, 42210000), (ex.Status, ex.Code));
        var bad = await Assert.ThrowsAsync<AlpacaApiException>(() => trading.GetOrderAsync("not-a-uuid"));
        Assert.Equal((422, 40010001), (bad.Status, bad.Code));
    }

    [Fact]
    public async Task A_429_storm_and_5xx_bursts_are_retried_for_reads_and_the_order_is_placed_exactly_once()
    {
        var (trading, _) = Clients();
        _fake.Inject("GET", "/v2/account", new Fault.Status(503), times: 3);
        Assert.Equal("ACTIVE", (await trading.GetAccountAsync())!.Status);

        _fake.Inject("POST", "/v2/orders", new Fault.Status(429, RetryAfterSeconds: 0), times: 3);
        _fake.Inject("GET", "/v2/orders:by_client_order_id", new Fault.Status(500), times: 1);
        var order = await trading.SubmitOrderAsync(Buy("tb-storm-1"));
        Assert.Equal("filled", order.Status);
        Assert.Equal(1, _fake.OrdersCreated);
        Assert.Equal(4, _fake.Requests["POST /v2/orders"]); // three refused, one accepted: never a second order
    }

    [Fact]
    public async Task An_order_that_landed_but_whose_answer_was_lost_is_found_not_duplicated()
    {
        var (trading, _) = Clients();
        _fake.Inject("POST", "/v2/orders", new Fault.ProcessThenFail());
        var order = await trading.SubmitOrderAsync(Buy("tb-lost-1"));
        Assert.Equal("tb-lost-1", order.ClientOrderId);
        Assert.Equal(1, _fake.OrdersCreated);
        Assert.Equal(1, _fake.Requests["POST /v2/orders"]); // looked up, not resent
    }

    [Fact]
    public async Task A_timed_out_order_post_is_resolved_by_lookup()
    {
        var (trading, _) = Clients(timeout: TimeSpan.FromMilliseconds(500));
        _fake.Inject("POST", "/v2/orders", new Fault.ProcessThenStall(TimeSpan.FromSeconds(3)));
        var order = await trading.SubmitOrderAsync(Buy("tb-timeout-1"));
        Assert.Equal("tb-timeout-1", order.ClientOrderId);
        Assert.Equal(1, _fake.OrdersCreated);
    }

    [Fact]
    public async Task A_duplicate_client_order_id_resolves_to_the_existing_order()
    {
        var (trading, _) = Clients();
        var first = await trading.SubmitOrderAsync(Buy("tb-dup-1"));
        var again = await trading.SubmitOrderAsync(Buy("tb-dup-1", qty: 5));
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(1, _fake.OrdersCreated);
        Assert.Equal(2m, again.FilledQty);
    }

    [Fact]
    public async Task Business_rejections_are_typed_and_not_retried()
    {
        var (trading, _) = Clients();
        var ex = await Assert.ThrowsAsync<AlpacaApiException>(() => trading.SubmitOrderAsync(Buy("tb-big-1", qty: 100_000)));
        Assert.Equal((403, 40310000), (ex.Status, ex.Code));
        Assert.Contains("insufficient buying power", ex.Message);
        Assert.Equal(1, _fake.Requests["POST /v2/orders"]);
        Assert.Equal(0, _fake.OrdersCreated);
    }

    [Fact]
    public async Task A_pattern_day_trader_refusal_is_typed_and_never_retried()
    {
        var (trading, _) = Clients();
        _fake.Inject("POST", "/v2/orders", new Fault.PatternDayTrader());
        var ex = await Assert.ThrowsAsync<AlpacaApiException>(() => trading.SubmitOrderAsync(Buy("tb-pdt-1")));
        Assert.Equal((403, 40310100), (ex.Status, ex.Code));
        Assert.Contains("pattern day trading", ex.Message);
        Assert.Equal(1, _fake.Requests["POST /v2/orders"]);
        Assert.Equal(0, _fake.OrdersCreated);
        Assert.Null(await trading.GetOrderByClientIdAsync("tb-pdt-1"));
    }

    [Fact]
    public async Task Bad_keys_fail_clearly_and_the_secret_never_appears_in_the_error()
    {
        const string wrong = "totally-wrong-secret-9c8b7a";
        var (trading, _) = Clients(secret: wrong);
        var ex = await Assert.ThrowsAsync<AlpacaApiException>(() => trading.GetAccountAsync());
        Assert.True(ex.IsAuthFailure);
        Assert.Equal(401, ex.Status);
        Assert.DoesNotContain(wrong, ex.ToString());
        Assert.DoesNotContain(FakeAlpaca.KeyId, ex.ToString());
    }

    [Fact]
    public async Task Bars_page_through_three_or_more_pages_into_domain_bars()
    {
        var (_, data) = Clients();
        _fake.BarCount = 25_000; // three pages of 10,000
        var bars = await data.GetBarsAsync("AAPL", Timeframe.Minute1, new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 31, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(25_000, bars.Count);
        Assert.Equal(3, _fake.Requests["GET /v2/stocks/AAPL/bars"]);
        Assert.True(bars.Zip(bars.Skip(1)).All(p => p.First.StartUtc < p.Second.StartUtc));
        Assert.All(bars.Take(100), b => Assert.Null(BarValidation.Check(b)));
        Assert.Equal(100.01m, bars[1].Open);
    }

    [Fact]
    public void The_specs_example_payloads_parse()
    {
        var account = JsonSerializer.Deserialize<AlpacaAccount>("""
            {"id":"1d9eed04-be39-4e01-9b84-a48ac5bbafcf","admin_configurations":{},"user_configurations":null,"account_number":"PALPACA_123","status":"ACTIVE",
             "buying_power":"245432.61","bod_dtbp":0,"cash":"122086.5","portfolio_value":"123346.11","pattern_day_trader":true,"multiplier":"2",
             "equity":"123346.11","last_equity":"122011.09751111286868","long_market_value":"1259.61","daytrade_count":0,"balance_asof":"2023-09-27"}
            """, AlpacaJson.Options)!;
        Assert.Equal((122086.5m, 122011.09751111286868m, 2m, 0), (account.Cash!.Value, account.LastEquity!.Value, account.Multiplier!.Value, account.DaytradeCount!.Value));

        var order = JsonSerializer.Deserialize<AlpacaOrder>("""
            {"id":"61e69015-8549-4bfd-b9c3-01e75843f47d","client_order_id":"eb9e2aaa","created_at":"2021-03-16T18:38:01.942282Z",
             "submitted_at":"2022-04-19T13:45:04.981350886-04:00","filled_at":null,"symbol":"AAPL","notional":"500","qty":null,"filled_qty":"0",
             "filled_avg_price":null,"order_class":"","type":"market","side":"buy","time_in_force":"day","status":"held","extended_hours":false,"legs":null,"hwm":null}
            """, AlpacaJson.Options)!;
        Assert.Equal((500m, (decimal?)null, 0m, "held"), (order.Notional!.Value, order.Qty, order.FilledQty, order.Status));
        Assert.Equal(new DateTime(2022, 4, 19, 17, 45, 4, DateTimeKind.Utc).AddTicks(9813508), order.SubmittedAt);

        var position = JsonSerializer.Deserialize<AlpacaPosition>("""
            {"asset_id":"b0b6dd9d","symbol":"AAPL","qty":"-2","avg_entry_price":"174.78","side":"short","market_value":"-348.58","unrealized_plpc":"-0.0028035244307129"}
            """, AlpacaJson.Options)!;
        Assert.Equal((-2m, "short"), (position.Qty, position.Side));

        var page = JsonSerializer.Deserialize<AlpacaBarsPage>("""
            {"bars":[{"t":"2022-01-03T09:00:00Z","o":178.26,"h":178.26,"l":178.21,"c":178.21,"v":1118,"n":65,"vw":178.235733}],"symbol":"AAPL","next_page_token":"QUFQTHxN"}
            """, AlpacaJson.Options)!;
        Assert.Equal((178.26m, 1118m, 65L, "QUFQTHxN"), (page.Bars![0].O, page.Bars[0].V, page.Bars[0].N!.Value, page.NextPageToken!));
        Assert.Null(JsonSerializer.Deserialize<AlpacaBarsPage>("""{"bars":null,"next_page_token":null}""", AlpacaJson.Options)!.Bars);
    }

    [Fact]
    public void Order_requests_send_decimals_as_strings_and_omit_unset_fields()
    {
        var json = JsonSerializer.Serialize(new AlpacaOrderRequest { Symbol = "AAPL", Notional = 500.75m, Side = "buy", Type = "market", TimeInForce = "day", ClientOrderId = "x" }, AlpacaJson.Options);
        Assert.Contains("\"notional\":\"500.75\"", json);
        Assert.DoesNotContain("\"qty\"", json);
        Assert.Contains("\"time_in_force\":\"day\"", json);
    }
}
