using System.Net;
using System.Text.Json;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Integration;

public class CalendarApiTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApp.StartAsync();
        _client = _app.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Sessions_endpoint_lists_trading_days_with_early_closes()
    {
        using var json = JsonDocument.Parse(await _client.GetStringAsync("api/market/sessions?from=2026-11-23&to=2026-11-27"));
        Assert.Equal(4, json.RootElement.GetProperty("tradingDays").GetInt32());
        var friday = json.RootElement.GetProperty("sessions")[3];
        Assert.Equal("2026-11-27", friday.GetProperty("date").GetString());
        Assert.True(friday.GetProperty("earlyClose").GetBoolean());
        Assert.Equal("13:00", friday.GetProperty("closeEastern").GetString());
    }

    [Fact]
    public async Task Status_endpoint_answers_for_an_instant()
    {
        using var json = JsonDocument.Parse(await _client.GetStringAsync("api/market/status?at=2026-11-26T15:00:00Z"));
        Assert.Equal("Closed", json.RootElement.GetProperty("phase").GetString());
        Assert.Equal("Thanksgiving Day", json.RootElement.GetProperty("holiday").GetString());
    }

    [Fact]
    public async Task Bad_dates_get_problem_details_naming_the_field()
    {
        using var response = await _client.GetAsync("api/market/sessions?from=2026-13-01&to=2026-11-27");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty("from", out _));
    }

    [Fact]
    public async Task OpenApi_document_describes_the_api()
    {
        using var json = JsonDocument.Parse(await _client.GetStringAsync("openapi/v1.json"));
        var paths = json.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/market/sessions", out _));

        // Every endpoint says what it takes and answers, /health included.
        var start = paths.GetProperty("/api/backtests").GetProperty("post");
        Assert.Contains("BacktestRequest", start.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetRawText());
        Assert.Contains("BacktestStarted", start.GetProperty("responses").GetProperty("202").GetRawText());
        Assert.True(start.GetProperty("responses").TryGetProperty("400", out _));
        Assert.Contains("HealthView", paths.GetProperty("/health").GetProperty("get").GetProperty("responses").GetProperty("200").GetRawText());
        Assert.Contains("BrokerStatus", paths.GetProperty("/api/broker/mode").GetProperty("put").GetProperty("responses").GetProperty("200").GetRawText());
        var schemas = json.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("BacktestRequest").GetProperty("properties").TryGetProperty("config", out _));
    }

    [Fact]
    public async Task The_api_reference_page_is_served()
    {
        using var response = await _client.GetAsync("scalar/v1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("TradingBlazor API", await response.Content.ReadAsStringAsync());
    }
}
