using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.EngineTests;

/// <summary>The kill switch over REST on the whole app with its real engine and the demo bots.</summary>
public sealed class KillSwitchApiTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApp.StartAsync();
        _http = _app.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<JsonElement> OkAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task AssertProblemAsync(Task<HttpResponseMessage> request, HttpStatusCode status, Func<JsonElement, bool> names)
    {
        using var response = await request;
        Assert.Equal(status, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(names(problem), problem.ToString());
    }

    private static bool Names(JsonElement problem, string field) => problem.GetProperty("errors").TryGetProperty(field, out _);

    [Fact]
    public async Task Engaging_halts_every_bot_refuses_starts_and_re_arming_lifts_it()
    {
        Assert.False((await OkAsync(_http.GetAsync("api/kill-switch"))).GetProperty("engaged").GetBoolean());
        await AssertProblemAsync(_http.PostAsync("api/kill-switch?flatten=maybe", null), HttpStatusCode.BadRequest, p => Names(p, "flatten"));
        await AssertProblemAsync(_http.PostAsync("api/kill-switch", Json("""{ "flatten": "yes" }""")), HttpStatusCode.BadRequest, p => Names(p, "flatten"));
        await AssertProblemAsync(_http.PostAsync("api/kill-switch", Json("[true]")), HttpStatusCode.BadRequest, p => Names(p, "$"));
        Assert.False((await OkAsync(_http.GetAsync("api/kill-switch"))).GetProperty("engaged").GetBoolean());

        var engaged = await OkAsync(_http.PostAsync("api/kill-switch", Json("""{ "flatten": false }""")));
        Assert.True(engaged.GetProperty("engaged").GetBoolean());
        Assert.Equal("api", engaged.GetProperty("by").GetString());
        Assert.False(engaged.GetProperty("flattened").GetBoolean());
        Assert.True((await OkAsync(_http.GetAsync("api/kill-switch"))).GetProperty("engaged").GetBoolean());

        var bots = (await OkAsync(_http.GetAsync("api/bots"))).EnumerateArray().ToList();
        Assert.Equal(2, bots.Count); // the demo bots
        Assert.All(bots, b => Assert.Equal("kill switch", b.GetProperty("halt").GetString()));
        long id = bots[0].GetProperty("id").GetInt64();
        await OkAsync(_http.PostAsync($"api/bots/{id}/stop", null));
        await AssertProblemAsync(_http.PostAsync($"api/bots/{id}/start", null), HttpStatusCode.Conflict, p => p.GetProperty("field").GetString() == "kill_switch");
        await AssertProblemAsync(_http.PostAsync($"api/bots/{id}/clear-halt", null), HttpStatusCode.Conflict, p => p.GetProperty("field").GetString() == "kill_switch");

        var flattened = await OkAsync(_http.PostAsync("api/kill-switch?flatten=true", null)); // engaging again may still flatten
        Assert.True(flattened.GetProperty("flattened").GetBoolean());
        Assert.Equal(engaged.GetProperty("engagedUtc").GetDateTime(), flattened.GetProperty("engagedUtc").GetDateTime());
        Assert.Empty((await OkAsync(_http.GetAsync("api/positions"))).EnumerateArray());

        await AssertProblemAsync(_http.DeleteAsync("api/kill-switch"), HttpStatusCode.BadRequest, p => Names(p, "confirmation"));
        await AssertProblemAsync(_http.DeleteAsync("api/kill-switch?confirmation=yes"), HttpStatusCode.BadRequest, p => Names(p, "confirmation"));
        Assert.True((await OkAsync(_http.GetAsync("api/kill-switch"))).GetProperty("engaged").GetBoolean());
        var disarmed = await OkAsync(_http.DeleteAsync("api/kill-switch?confirmation=RE-ARM"));
        Assert.False(disarmed.GetProperty("engaged").GetBoolean());
        Assert.All((await OkAsync(_http.GetAsync("api/bots"))).EnumerateArray(), b => Assert.Equal(JsonValueKind.Null, b.GetProperty("halt").ValueKind));
        Assert.Equal("Running", (await OkAsync(_http.PostAsync($"api/bots/{id}/start", null))).GetProperty("status").GetString());
    }
}
