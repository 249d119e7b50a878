using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Integration;

public class BacktestApiTests
{
    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Request(string rule = "sma_10 crosses_above sma_30", string from = "2025-01-02", string to = "2025-06-30") => $$"""
    {
      "config": {
        "version": 1, "name": "api sma", "symbols": ["SPY"], "capital": 10000, "timeframe": "1d",
        "indicators": ["sma(10)", "sma(30)"],
        "entry": { "rule": "{{rule}}" }, "exit": { "rule": "sma_10 crosses_below sma_30" },
        "risk": { "position_sizing": "all_in" }
      },
      "from": "{{from}}", "to": "{{to}}", "source": "simulated", "commission_per_order": 1
    }
    """;

    [Fact]
    public async Task A_backtest_started_over_rest_completes_and_its_results_can_be_fetched()
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.CreateClient();
        using var start = await client.PostAsync("api/backtests", Body(Request()));
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var id = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        JsonElement run = default;
        for (int i = 0; i < 100; i++)
        {
            run = await client.GetFromJsonAsync<JsonElement>($"api/backtests/{id}");
            if (run.GetProperty("status").GetString() is not ("running" or "queued")) break;
            await Task.Delay(100);
        }
        Assert.Equal("completed", run.GetProperty("status").GetString());
        var summary = run.GetProperty("summary");
        Assert.True(summary.GetProperty("bars").GetInt32() > 100);
        Assert.Equal("sma_10 crosses_above sma_30", run.GetProperty("request").GetProperty("config").GetProperty("entry").GetProperty("rule").GetString());
        var equity = await client.GetFromJsonAsync<JsonElement>($"api/backtests/{id}/equity");
        Assert.Equal(summary.GetProperty("bars").GetInt32(), equity.GetArrayLength());
        var trades = await client.GetFromJsonAsync<JsonElement>($"api/backtests/{id}/trades");
        Assert.Equal(summary.GetProperty("closed_trades").GetInt32(), trades.GetArrayLength());
        var list = await client.GetFromJsonAsync<JsonElement>("api/backtests");
        Assert.Contains(list.EnumerateArray(), r => r.GetProperty("id").GetInt64() == id);
    }

    [Theory]
    [InlineData("sma_11 crosses_above sma_30", "2025-01-02", "2025-06-30", "config.entry.rule")]
    [InlineData("sma_10 crosses_above sma_30", "2025-06-30", "2025-01-02", "to")]
    [InlineData("sma_10 crosses_above sma_30", "2025-01-02", "2099-01-01", "to")]
    public async Task Bad_requests_get_problem_details_naming_the_field(string rule, string from, string to, string field)
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.CreateClient();
        using var response = await client.PostAsync("api/backtests", Body(Request(rule, from, to)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task A_bad_symbols_override_is_a_400_naming_the_symbols()
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.CreateClient();
        var body = Request().Replace("\"source\": \"simulated\"", "\"symbols\": [\"SP$Y\"], \"source\": \"simulated\"");
        using var response = await client.PostAsync("api/backtests", Body(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Contains(errors, name => name.StartsWith("symbols", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Malformed_json_names_the_path()
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.CreateClient();
        using var response = await client.PostAsync("api/backtests", Body("""{ "config": { "capital": "lots" } }"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("config.capital", out _), problem.ToString());
    }
}
