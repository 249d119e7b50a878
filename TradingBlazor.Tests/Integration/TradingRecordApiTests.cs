using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Tests.Support.Engine;

namespace TradingBlazor.Tests.Integration;

public sealed class TradingRecordApiTests : IClassFixture<EngineApp>
{
    private static readonly DateTime Morning = new(2025, 3, 12, 14, 30, 0, DateTimeKind.Utc);
    private readonly EngineApp _engine;
    private readonly HttpClient _client;
    private readonly long _bot;

    public TradingRecordApiTests(EngineApp engine)
    {
        _engine = engine;
        _client = engine.App.CreateClient();
        _bot = engine.Bots.Seed(new BotConfig { Name = $"records {Guid.NewGuid():N}", Symbols = new() { "SPY" } });
    }

    private static TradeView Trade(long id, long? bot, string? botName, string symbol, DateTime entry, decimal? exit = null, string? reason = null) =>
        new(id, bot, botName, symbol, 12.5m, 501.25m, entry, exit, exit is null ? null : entry.AddHours(2), exit is null ? null : (exit - 501.25m) * 12.5m, 1m, reason,
            new Dictionary<string, double?> { ["rsi_14"] = 28.5, ["sma_10"] = null });

    private async Task<JsonElement> ErrorsOf(string url)
    {
        using var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
    }

    private TradingFilter LastFilter()
    {
        lock (_engine.Queries.Filters) return _engine.Queries.Filters[^1];
    }

    [Fact]
    public async Task Latest_signals_default_to_fifty_and_take_n()
    {
        var signal = new SignalView(7, _bot, "SPY", Morning, SignalAction.Buy, 0.8, "rules", new Dictionary<string, double?> { ["rsi_14"] = 28.5 }, true, "filled", "tb-1-1");
        lock (_engine.Queries.Filters) _engine.Queries.Signals.Add(signal);

        var signals = await _client.GetFromJsonAsync<JsonElement>("api/signals/latest");
        Assert.Equal(50, LastFilter().Limit);
        Assert.Contains(signals.EnumerateArray(), s => s.GetProperty("id").GetInt64() == 7 && s.GetProperty("action").GetString() == "Buy");

        await _client.GetFromJsonAsync<JsonElement>("api/signals/latest?n=1000");
        Assert.Equal(1000, LastFilter().Limit);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("ten")]
    [InlineData("-5")]
    public async Task A_count_outside_1_to_1000_is_a_400_naming_n(string n)
    {
        Assert.True((await ErrorsOf($"api/signals/latest?n={n}")).TryGetProperty("n", out _));
        Assert.True((await ErrorsOf($"api/bots/{_bot}/signals?n={n}")).TryGetProperty("n", out _));
    }

    [Fact]
    public async Task A_bots_signals_are_filtered_by_it_and_an_unknown_bot_is_a_404()
    {
        await _client.GetFromJsonAsync<JsonElement>($"api/bots/{_bot}/signals?n=5");
        Assert.Equal(new TradingFilter(_bot, null, null, null, 5), LastFilter());

        using var missing = await _client.GetAsync("api/bots/987654/signals");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Filters_reach_the_queries_as_utc()
    {
        await _client.GetFromJsonAsync<JsonElement>($"api/trades?bot={_bot}&symbol=spy&from=2025-03-12T10:00:00-04:00&to=2025-03-13");
        Assert.Equal(new TradingFilter(_bot, "SPY", new DateTime(2025, 3, 12, 14, 0, 0, DateTimeKind.Utc), new DateTime(2025, 3, 13, 0, 0, 0, DateTimeKind.Utc), 500), LastFilter());
        Assert.Equal(DateTimeKind.Utc, LastFilter().FromUtc!.Value.Kind);

        await _client.GetFromJsonAsync<JsonElement>("api/orders?from=2025-03-12T14:30:00Z&n=20");
        Assert.Equal(new TradingFilter(null, null, Morning, null, 20), LastFilter());
    }

    [Theory]
    [InlineData("bot=abc", "bot")]
    [InlineData("bot=-1", "bot")]
    [InlineData("symbol=SP%20Y", "symbol")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=12/03/2025", "to")]
    [InlineData("from=2025-03-13&to=2025-03-12", "to")]
    [InlineData("from=2025-03-12T10:00:00+04:00", "from")]
    public async Task Bad_filters_are_a_400_naming_the_query_parameter(string query, string parameter)
    {
        foreach (var list in new[] { "api/trades", "api/orders", "api/trades.csv" })
        {
            var errors = await ErrorsOf($"{list}?{query}");
            Assert.True(errors.TryGetProperty(parameter, out _), $"{list}: {errors}");
        }
    }

    [Fact]
    public async Task Orders_and_positions_serialize_enums_as_names()
    {
        lock (_engine.Queries.Filters)
        {
            _engine.Queries.Orders.Add(new OrderView(11, _bot, "tb-9-1", "alp-1", "SPY", OrderSide.Sell, 3m, null, OrderStatus.PartiallyFilled, 1m, 501.5m, null, Morning, Morning));
            _engine.Queries.Positions.Add(new PositionView(_bot, "records", "QQQ", 4m, 430.1m, Morning, false));
            _engine.Queries.Positions.Add(new PositionView(null, null, "IWM", 2m, 200m, Morning, true));
        }

        var orders = await _client.GetFromJsonAsync<JsonElement>($"api/orders?bot={_bot}");
        var order = Assert.Single(orders.EnumerateArray());
        Assert.Equal("Sell", order.GetProperty("side").GetString());
        Assert.Equal("PartiallyFilled", order.GetProperty("status").GetString());

        var positions = await _client.GetFromJsonAsync<JsonElement>($"api/positions?bot={_bot}&symbol=qqq");
        Assert.Equal(430.1m, Assert.Single(positions.EnumerateArray()).GetProperty("averagePrice").GetDecimal());
        var all = await _client.GetFromJsonAsync<JsonElement>("api/positions");
        Assert.Contains(all.EnumerateArray(), p => p.GetProperty("unmanaged").GetBoolean() && p.GetProperty("symbol").GetString() == "IWM");
    }

    [Fact]
    public async Task Trades_csv_is_an_attachment_with_a_header_invariant_numbers_and_quoted_text()
    {
        var symbol = $"C{_bot}";
        lock (_engine.Queries.Filters)
        {
            _engine.Queries.Trades.Add(Trade(1, _bot, "Mean \"reversion\", v2", symbol, Morning, exit: 505.75m, reason: "take_profit"));
            _engine.Queries.Trades.Add(Trade(2, _bot, "plain", symbol, Morning.AddDays(1)));
        }

        using var response = await _client.GetAsync($"api/trades.csv?symbol={symbol}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("trades.csv", response.Content.Headers.ContentDisposition?.FileName);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Equal(TradesCsvHeader, lines[0]);
        Assert.Equal($"2,{_bot},plain,{symbol},12.5,501.25,2025-03-13T14:30:00Z,,,,1.00,,rsi_14=28.5;sma_10=", lines[1]);
        Assert.Equal($"1,{_bot},\"Mean \"\"reversion\"\", v2\",{symbol},12.5,501.25,2025-03-12T14:30:00Z,505.75,2025-03-12T16:30:00Z,56.25,1.00,take_profit,rsi_14=28.5;sma_10=", lines[2]);
        Assert.Equal("", lines[3]);
        Assert.Equal(100_000, LastFilter().Limit);
    }

    private const string TradesCsvHeader = "id,bot_id,bot_name,symbol,quantity,entry_price,entry_time,exit_price,exit_time,realized_pnl,fees,exit_reason,entry_values";
}
