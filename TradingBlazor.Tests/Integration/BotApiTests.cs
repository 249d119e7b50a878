using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TradingBlazor.Api;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Tests.Support.Engine;

namespace TradingBlazor.Tests.Integration;

public sealed class BotApiTests(EngineApp engine) : IClassFixture<EngineApp>
{
    private readonly HttpClient _client = engine.App.CreateClient();

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Config(string name, string risk = """{ "position_sizing": "all_in" }""") => $$"""
        {
          "version": 1, "name": "{{name}}", "symbols": ["SPY"], "capital": 10000, "timeframe": "1d",
          "indicators": ["sma(10)", "sma(30)"],
          "entry": { "rule": "sma_10 crosses_above sma_30" }, "exit": { "rule": "sma_10 crosses_below sma_30" },
          "risk": {{risk}}
        }
        """;

    private static async Task<JsonElement> ErrorsOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
    }

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
    }

    private long Seed(string name, BotStatus status = BotStatus.Stopped, params BotPositionView[] positions) =>
        engine.Bots.Seed(BotConfig.Parse(Config(name)), status, positions);

    [Fact]
    public async Task Posting_a_config_creates_a_stopped_bot_at_its_location()
    {
        using var response = await _client.PostAsync("api/bots", Body(Config("created")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var bot = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = bot.GetProperty("id").GetInt64();
        Assert.Equal($"/api/bots/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Stopped", bot.GetProperty("status").GetString());
        Assert.Equal("SPY", bot.GetProperty("symbols")[0].GetString());
        var fetched = await _client.GetFromJsonAsync<JsonElement>($"api/bots/{id}");
        Assert.Equal("created", fetched.GetProperty("name").GetString());
        Assert.Equal(10000m, fetched.GetProperty("ledger").GetProperty("equity").GetDecimal());
        // The config comes back as the document format (snake_case), not the API's camelCase.
        Assert.Equal("all_in", fetched.GetProperty("config").GetProperty("risk").GetProperty("position_sizing").GetString());
        Assert.Equal("sma_10 crosses_above sma_30", fetched.GetProperty("config").GetProperty("entry").GetProperty("rule").GetString());
        var list = await _client.GetFromJsonAsync<JsonElement>("api/bots");
        Assert.Contains(list.EnumerateArray(), b => b.GetProperty("id").GetInt64() == id && b.GetProperty("status").GetString() == "Stopped");
    }

    [Theory]
    [InlineData("""{ "name": "x", "risk": { "stop_loss": "tight" } }""", "risk.stop_loss")]
    [InlineData("""{ "name": "x", "capital": }""", "capital")]
    [InlineData("""{ "name": "x", "symbols": "SPY" }""", "symbols")]
    [InlineData("", "$")]
    [InlineData("null", "$")]
    [InlineData("""{ "name": "x", "symbols": null }""", "symbols")]
    [InlineData("""{ "name": "x", "risk": null }""", "risk")]
    [InlineData("""{ "name": "x", "trading_window": { "start": null } }""", "trading_window.start")]
    [InlineData("""{ "name": "x", "execution": null }""", "execution")]
    public async Task Malformed_json_is_a_400_naming_the_path(string json, string field)
    {
        using var response = await _client.PostAsync("api/bots", Body(json));
        var errors = await ErrorsOf(response);
        Assert.True(errors.TryGetProperty(field, out var messages), errors.ToString());
        Assert.False(string.IsNullOrEmpty(messages[0].GetString()));
    }

    [Fact]
    public async Task Every_invalid_field_is_named_at_once()
    {
        using var response = await _client.PostAsync("api/bots", Body(Config("", """{ "max_open_positions": 0, "stop_loss": 1.5 }""")));
        var errors = await ErrorsOf(response);
        var fields = errors.EnumerateObject().Select(e => e.Name).ToList();
        Assert.Contains("name", fields);
        Assert.Contains("risk.max_open_positions", fields);
        Assert.Contains("risk.stop_loss", fields);
    }

    [Fact]
    public async Task A_problem_the_service_finds_names_its_field()
    {
        Seed("taken");
        using var response = await _client.PostAsync("api/bots", Body(Config("taken")));
        var errors = await ErrorsOf(response);
        Assert.Contains("exists", errors.GetProperty("name")[0].GetString());
    }

    [Fact]
    public async Task A_body_over_256_kb_is_a_413()
    {
        var padding = new string(' ', BotEndpoints.MaxBodyBytes);
        using var response = await _client.PostAsync("api/bots", Body(Config("big") + padding));
        await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Unknown_bots_are_404_and_non_numeric_ids_a_400_naming_the_id()
    {
        using (var missing = await _client.GetAsync("api/bots/987654")) await AssertProblem(missing, HttpStatusCode.NotFound);
        using (var start = await _client.PostAsync("api/bots/987654/start", null)) await AssertProblem(start, HttpStatusCode.NotFound);
        using (var edit = await _client.PutAsync("api/bots/987654", Body(Config("ghost")))) await AssertProblem(edit, HttpStatusCode.NotFound);
        using (var text = await _client.GetAsync("api/bots/abc")) Assert.True((await ErrorsOf(text)).TryGetProperty("id", out _));
        using (var command = await _client.PostAsync("api/bots/abc/start", null)) Assert.True((await ErrorsOf(command)).TryGetProperty("id", out _));
    }

    [Fact]
    public async Task Editing_a_running_bot_is_a_409_and_a_stopped_one_bumps_its_revision()
    {
        var running = Seed("edit running", BotStatus.Running);
        using (var refused = await _client.PutAsync($"api/bots/{running}", Body(Config("edit running")))) await AssertProblem(refused, HttpStatusCode.Conflict);

        var stopped = Seed("edit stopped");
        using var edited = await _client.PutAsync($"api/bots/{stopped}", Body(Config("edit stopped", """{ "position_sizing": "all_in", "max_open_positions": 2 }""")));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var bot = await edited.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, bot.GetProperty("revision").GetInt32());
        Assert.Equal(2, bot.GetProperty("config").GetProperty("risk").GetProperty("max_open_positions").GetInt32());
    }

    [Fact]
    public async Task Deleting_a_bot_that_holds_positions_needs_flatten()
    {
        var id = Seed("holder", BotStatus.Stopped, new BotPositionView("SPY", 10m, 500m, 510m, 100m, new DateTime(2025, 3, 12, 14, 0, 0, DateTimeKind.Utc)));

        using (var refused = await _client.DeleteAsync($"api/bots/{id}")) await AssertProblem(refused, HttpStatusCode.Conflict);
        using (var unclear = await _client.DeleteAsync($"api/bots/{id}?flatten=maybe")) Assert.True((await ErrorsOf(unclear)).TryGetProperty("flatten", out _));
        using (var deleted = await _client.DeleteAsync($"api/bots/{id}?flatten=true&confirmation=holder")) Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using (var gone = await _client.GetAsync($"api/bots/{id}")) await AssertProblem(gone, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Start_pause_and_stop_drive_the_lifecycle()
    {
        var id = Seed("lifecycle");

        async Task<string?> Send(string command)
        {
            using var response = await _client.PostAsync($"api/bots/{id}/{command}", null);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString();
        }

        Assert.Equal("Running", await Send("start"));
        using (var again = await _client.PostAsync($"api/bots/{id}/start", null)) await AssertProblem(again, HttpStatusCode.Conflict);
        Assert.Equal("Paused", await Send("pause"));
        Assert.Equal("Stopped", await Send("stop?flatten=true"));
        Assert.Equal(
            new[] { new InMemoryBotService.CommandCall(id, BotCommand.Start, false), new(id, BotCommand.Start, false), new(id, BotCommand.Pause, false), new(id, BotCommand.Stop, true) },
            engine.Bots.Commands.Where(c => c.Id == id));
    }

    [Fact]
    public async Task Flatten_only_applies_to_stop_and_must_be_a_boolean()
    {
        var id = Seed("flags");
        using (var start = await _client.PostAsync($"api/bots/{id}/start?flatten=true", null)) Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        using (var bad = await _client.PostAsync($"api/bots/{id}/stop?flatten=yes", null)) Assert.True((await ErrorsOf(bad)).TryGetProperty("flatten", out _));
        Assert.Equal(new InMemoryBotService.CommandCall(id, BotCommand.Start, false), engine.Bots.Commands.Single(c => c.Id == id));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_bot_record_and_socket_endpoints()
    {
        var doc = await _client.GetFromJsonAsync<JsonElement>("openapi/v1.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[] { "/api/bots", "/api/bots/{id}", "/api/bots/{id}/start", "/api/bots/{id}/pause", "/api/bots/{id}/stop",
                     "/api/signals/latest", "/api/bots/{id}/signals", "/api/orders", "/api/positions", "/api/trades", "/api/trades.csv", "/ws" })
            Assert.Contains(path, paths);
        Assert.Contains("resync", doc.GetProperty("paths").GetProperty("/ws").GetProperty("get").GetProperty("description").GetString());
    }

    [Fact]
    public async Task A_bots_document_downloads_as_a_file_that_imports_back()
    {
        var id = Seed("Export me: v2");

        using var response = await _client.GetAsync($"api/bots/{id}/config.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("export_me_v2.json", response.Content.Headers.ContentDisposition?.FileName);
        var exported = BotConfig.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(BotConfig.Parse(Config("Export me: v2")).ToJson(), exported.ToJson());
        await AssertProblem(await _client.GetAsync("api/bots/987654/config.json"), HttpStatusCode.NotFound);
    }
}
