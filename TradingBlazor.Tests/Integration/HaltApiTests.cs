using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Tests.Support.Engine;

namespace TradingBlazor.Tests.Integration;

/// <summary>The per-bot halt endpoints over the in-memory bot service: who asked, flatten, and the problems they answer.</summary>
public sealed class HaltApiTests(EngineApp engine) : IClassFixture<EngineApp>
{
    private readonly HttpClient _client = engine.App.CreateClient();

    private long Seed(string name) => engine.Bots.Seed(BotConfig.Parse($$"""
        { "version": 1, "name": "{{name}}", "symbols": ["SPY"], "capital": 10000, "timeframe": "1d",
          "indicators": ["sma(10)"], "entry": { "rule": "close > sma_10" }, "exit": { "rule": "close < sma_10" } }
        """));

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Halt_records_who_asked_and_whether_to_flatten_and_clear_halt_lifts_it()
    {
        var id = Seed("halt me");

        var halted = await OkAsync(await _client.PostAsync($"api/bots/{id}/halt", null));
        Assert.Equal("halted by api", halted.GetProperty("halt").GetString());
        await OkAsync(await _client.PostAsync($"api/bots/{id}/halt?flatten=true", null));
        var cleared = await OkAsync(await _client.PostAsync($"api/bots/{id}/clear-halt", null));
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("halt").ValueKind);
        Assert.Equal(
            new InMemoryBotService.HaltCall[] { new(id, "api", false, false), new(id, "api", true, false), new(id, "api", false, true) },
            engine.Bots.Halts.Where(h => h.Id == id));
    }

    [Fact]
    public async Task Bad_flags_unknown_bots_and_an_engaged_kill_switch_are_problems_naming_the_field()
    {
        var id = Seed("problems");
        using (var bad = await _client.PostAsync($"api/bots/{id}/halt?flatten=maybe", null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("flatten", out _));
        }
        using (var missing = await _client.PostAsync("api/bots/987654/halt", null)) Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using (var text = await _client.PostAsync("api/bots/abc/clear-halt", null)) Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);

        engine.Bots.KillSwitchEngaged = true;
        try
        {
            using var refused = await _client.PostAsync($"api/bots/{id}/clear-halt", null);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("kill_switch", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        }
        finally
        {
            engine.Bots.KillSwitchEngaged = false;
        }
    }

    [Fact]
    public async Task The_openapi_document_describes_the_halt_and_kill_switch_endpoints()
    {
        var doc = await _client.GetFromJsonAsync<JsonElement>("openapi/v1.json");
        var paths = doc.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/bots/{id}/halt").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/bots/{id}/clear-halt").TryGetProperty("post", out _));
        var killSwitch = paths.GetProperty("/api/kill-switch");
        foreach (var verb in new[] { "get", "post", "delete" }) Assert.True(killSwitch.TryGetProperty(verb, out _), verb);
    }
}
