using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.BadInput;

/// <summary>
/// Each input an outside review turned into a 500, a crash or a silent acceptance, against the real app in Production:
/// now a 4xx problem-details answer that names the field.
/// </summary>
public sealed class BadInputApiTests(ProductionApp fx) : IClassFixture<ProductionApp>
{
    private const string ValidRule = "\"sma_10 > sma_30\"";

    /// <summary>A valid bot document with one piece replaced (raw JSON text, so escapes such as \ud800 survive).</summary>
    public static string Bot(string symbols = """["SPY"]""", string rule = ValidRule, string confidence = "1", string sizing = "\"all_in\"",
        string mode = "\"auto\"", string autoThreshold = "0.8", string approvalThreshold = "0.7", string name = "\"bad input\"") => $$"""
        {
          "version": 1, "name": {{name}}, "symbols": {{symbols}}, "capital": 10000, "timeframe": "1d",
          "indicators": ["sma(10)", "sma(30)"],
          "entry": { "rule": {{rule}}, "confidence": {{confidence}} }, "exit": { "rule": "sma_10 < sma_30" },
          "risk": { "position_sizing": {{sizing}} },
          "execution": { "mode": {{mode}}, "auto_threshold": {{autoThreshold}}, "approval_threshold": {{approvalThreshold}} }
        }
        """;

    public static string Backtest(string config, string source = "\"simulated\"", string fillTiming = "\"next_open\"") =>
        $$"""{ "config": {{config}}, "from": "2024-01-02", "to": "2024-03-01", "source": {{source}}, "fill_timing": {{fillTiming}} }""";

    private HttpClient Client() => fx.App.CreateClient();

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>A 400 whose errors are exactly the given fields.</summary>
    private static async Task AssertFieldsAsync(HttpResponseMessage response, params string[] fields)
    {
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("errors", out var errors), problem.ToString());
        Assert.Equal(fields.Order(), errors.EnumerateObject().Select(e => e.Name).Order());
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string body, string contentType = "application/json")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return Client().SendAsync(new HttpRequestMessage(method, url) { Content = content });
    }

    private Task<HttpResponseMessage> PostBotAsync(string json) => SendAsync(HttpMethod.Post, "api/bots", json);
    private Task<HttpResponseMessage> PostBacktestAsync(string json) => SendAsync(HttpMethod.Post, "api/backtests", json);

    [Theory]
    [InlineData("""["!!"]""")]
    [InlineData("""[""]""")]
    public async Task Bad_symbols_name_their_index(string symbols)
    {
        await AssertFieldsAsync(await PostBotAsync(Bot(symbols: symbols)), "symbols[0]");
        await AssertFieldsAsync(await PostBacktestAsync(Backtest(Bot(symbols: symbols))), "config.symbols[0]");
    }

    [Fact]
    public async Task NaN_confidences_and_thresholds_are_refused()
    {
        await AssertFieldsAsync(await PostBotAsync(Bot(confidence: "\"NaN\"")), "entry.confidence");
        await AssertFieldsAsync(await PostBotAsync(Bot(autoThreshold: "\"NaN\"")), "execution.auto_threshold");
        await AssertFieldsAsync(await PostBotAsync(Bot(approvalThreshold: "\"NaN\"")), "execution.approval_threshold");
        await AssertFieldsAsync(await PostBacktestAsync(Backtest(Bot(confidence: "\"NaN\""))), "config.entry.confidence");
        await AssertFieldsAsync(await PostBacktestAsync(Backtest(Bot(autoThreshold: "\"-Infinity\""))), "config.execution.auto_threshold");
    }

    [Fact]
    public async Task For_bars_as_a_string_names_the_field()
    {
        const string rule = """{ "for_bars": "3", "rule": "sma_10 > sma_30" }""";
        await AssertFieldsAsync(await PostBotAsync(Bot(rule: rule)), "entry.rule.for_bars");
        await AssertFieldsAsync(await PostBacktestAsync(Backtest(Bot(rule: rule))), "config.entry.rule.for_bars");
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_rule_names_the_rule()
    {
        await AssertFieldsAsync(await PostBotAsync(Bot(rule: "\"sma_10 > \\ud800\"")), "entry.rule");
        await AssertFieldsAsync(await PostBacktestAsync(Backtest(Bot(rule: "\"\\udfff\""))), "config.entry.rule");
        await AssertFieldsAsync(await PostBotAsync(Bot(rule: """{ "\ud800": 1 }""")), "entry.rule");
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_name_names_the_name() =>
        await AssertFieldsAsync(await PostBotAsync(Bot(name: "\"A\\ud800\"")), "name");

    [Theory]
    [InlineData("application/json; charset=bogus")]
    [InlineData("application/json; charset=utf-16")]
    public async Task A_charset_other_than_utf8_is_a_415(string contentType)
    {
        var problem = await ProblemAsync(await SendAsync(HttpMethod.Put, "api/broker/mode", """{ "mode": "Simulated" }""", contentType), HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("UTF-8", problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("api/market/status?at=9999-12-31T23:59:59.9999999Z", "at")]
    [InlineData("api/market/status?at=0001-01-01T00:00:00Z", "at")]
    [InlineData("api/market/sessions?from=2026-01-01&to=9999-12-31", "to")]
    [InlineData("api/market/sessions?from=0001-01-01&to=2026-01-02", "from")]
    public async Task Dates_past_the_calendars_ends_name_the_parameter(string url, string field) =>
        await AssertFieldsAsync(await Client().GetAsync(url), field);

    [Theory]
    [InlineData("api/market/status?at=xyz", "at")]
    [InlineData("api/market/sessions?to=2026-01-01", "from")]
    [InlineData("api/alerts?n=abc", "n")]
    [InlineData("api/approvals?bot=x", "bot")]
    [InlineData("api/approvals?n=1e5", "n")]
    public async Task Query_binding_failures_name_the_query_parameter(string url, string field) =>
        await AssertFieldsAsync(await Client().GetAsync(url), field);

    [Fact]
    public async Task A_bool_query_parameter_that_is_not_a_bool_names_it()
    {
        using var response = await Client().PostAsync("api/broker/test?paper=maybe", null);
        await AssertFieldsAsync(response, "paper");
    }

    [Theory]
    [InlineData("api/broker/mode", """{ "mode": 5 }""", "mode")]
    [InlineData("api/broker/mode", """{ "mode": "Simulated", "confirmation": 5 }""", "confirmation")]
    [InlineData("api/broker/mode", """{ "mode": """, "mode")]
    [InlineData("api/settings/webhook", """{ "url": 5 }""", "url")]
    [InlineData("api/settings/webhook", """[1, 2]""", "$")]
    public async Task Body_binding_failures_name_the_json_field_not_a_parameter(string url, string body, string field) =>
        await AssertFieldsAsync(await SendAsync(HttpMethod.Put, url, body), field);

    [Theory]
    [InlineData("risk.position_sizing", "7", null, null)]
    [InlineData("execution.mode", null, "5", null)]
    [InlineData("fill_timing", null, null, "5")]
    [InlineData("source", null, null, "99")]
    public async Task Enum_numbers_are_refused_naming_the_field(string field, string? sizing, string? mode, string? backtestEnum)
    {
        var bot = Bot(sizing: sizing ?? "\"all_in\"", mode: mode ?? "\"auto\"");
        if (backtestEnum is null)
        {
            await AssertFieldsAsync(await PostBotAsync(bot), field);
            await AssertFieldsAsync(await PostBacktestAsync(Backtest(bot)), "config." + field);
        }
        else
        {
            var request = field == "source" ? Backtest(bot, source: backtestEnum) : Backtest(bot, fillTiming: backtestEnum);
            await AssertFieldsAsync(await PostBacktestAsync(request), field);
        }
    }

    [Theory]
    [InlineData("api/bots")]
    [InlineData("api/backtests")]
    public async Task A_body_over_64_KB_is_a_413(string url)
    {
        var huge = Bot(name: "\"" + new string('x', 70_000) + "\"");
        await ProblemAsync(await SendAsync(HttpMethod.Post, url, huge), HttpStatusCode.RequestEntityTooLarge);

        // Without a Content-Length (chunked), the limit holds while reading.
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Backtest(huge))));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        await ProblemAsync(await Client().SendAsync(request), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_rule_stored_with_a_bot_is_bounded()
    {
        var longRule = "\"" + string.Join(" and ", Enumerable.Repeat("sma_10 > sma_30", 200)) + "\"";
        await AssertFieldsAsync(await PostBotAsync(Bot(rule: longRule)), "entry.rule");
    }

    [Fact]
    public async Task An_unexpected_error_is_problem_json_with_a_trace_id_and_no_stack_trace_in_production()
    {
        var args = ProductionApp.Arguments;
        await using var app = await TestApp.StartWithAsync(s => s.AddSingleton<ITradingQueries>(_ => throw new InvalidOperationException("secret-detail")), args);
        using var client = app.CreateClient();

        using var response = await client.GetAsync("api/orders");

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.StartsWith("00-", problem.GetProperty("traceId").GetString());
        Assert.DoesNotContain("secret-detail", text);
        Assert.DoesNotContain("   at ", text);
        // The pages keep their own error page.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("health")).StatusCode);
    }
}
