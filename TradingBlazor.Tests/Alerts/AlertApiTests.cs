using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TradingBlazor.Engine.Events;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Alerts;

public sealed class AlertApiTests(AlertsApp fx) : IClassFixture<AlertsApp>
{
    private readonly HttpClient _client = fx.App.CreateClient();

    private static async Task<string[]> UrlErrorsOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        return errors.EnumerateObject().Select(e => e.Name).ToArray();
    }

    [Fact]
    public async Task Recent_alerts_come_newest_first_and_n_is_checked()
    {
        var first = fx.Bus.Publish(TradingEventKind.RiskHalt, 1, new RiskHaltUpdate("api 1")).Sequence;
        fx.Bus.Publish(TradingEventKind.RiskHalt, 1, new RiskHaltUpdate("api 2"));
        var last = fx.Bus.Publish(TradingEventKind.RiskHalt, 1, new RiskHaltUpdate("api 3")).Sequence;
        await Eventually.HoldsAsync(() => fx.Center.Recent(1).FirstOrDefault()?.Sequence == last, "the alerts are in");

        var two = await _client.GetFromJsonAsync<JsonElement[]>("api/alerts?n=2");
        Assert.Equal(new[] { "api 3", "api 2" }, two!.Select(a => a.GetProperty("message").GetString()));
        Assert.Equal(("RiskHalt", "Error", "Trading halted", 1L, last), (two![0].GetProperty("kind").GetString(), two[0].GetProperty("severity").GetString(),
            two[0].GetProperty("title").GetString(), two[0].GetProperty("botId").GetInt64(), two[0].GetProperty("sequence").GetInt64()));
        Assert.True(two![0].GetProperty("id").GetInt64() > two[1].GetProperty("id").GetInt64());
        var all = await _client.GetFromJsonAsync<JsonElement[]>("api/alerts");
        Assert.Contains(all!, a => a.GetProperty("sequence").GetInt64() == first);

        foreach (var n in new[] { "0", "501", "-3" })
            Assert.Equal(new[] { "n" }, await UrlErrorsOf(await _client.GetAsync($"api/alerts?n={n}")));
    }

    [Fact]
    public async Task The_webhook_is_set_checked_and_switched_off_naming_url()
    {
        foreach (var bad in new[] { "ftp://example.com/hook", "not a url", "/relative/hook", "mailto:someone@example.com", "https://" + new string('a', 2100) + ".com" })
            Assert.Equal(new[] { "url" }, await UrlErrorsOf(await _client.PutAsJsonAsync("api/settings/webhook", new { url = bad })));
        Assert.Equal(new[] { "url" }, await UrlErrorsOf(await _client.PutAsync("api/settings/webhook", new StringContent("null", Encoding.UTF8, "application/json"))));

        var set = await _client.PutAsJsonAsync("api/settings/webhook", new { url = " https://hooks.example.com/t?token=abc " });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal("https://hooks.example.com/t?token=abc", (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString());
        Assert.Equal("https://hooks.example.com/t?token=abc", (await _client.GetFromJsonAsync<JsonElement>("api/settings/webhook")).GetProperty("url").GetString());

        var off = await _client.PutAsJsonAsync("api/settings/webhook", new { url = "" });
        Assert.Equal(JsonValueKind.Null, (await off.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await _client.GetFromJsonAsync<JsonElement>("api/settings/webhook")).GetProperty("url").ValueKind);
    }

    [Fact]
    public async Task The_webhook_survives_a_restart()
    {
        string dir;
        await using (var app = await TestApp.StartAsync("--Trading:DemoBots=false"))
        {
            dir = app.DataDirectory;
            using var http = app.CreateClient();
            (await http.PutAsJsonAsync("api/settings/webhook", new { url = "http://127.0.0.1:9/hook" })).EnsureSuccessStatusCode();
        }
        await using var again = await TestApp.StartInAsync(dir, "--Trading:DemoBots=false");
        using var client = again.CreateClient();
        Assert.Equal("http://127.0.0.1:9/hook", (await client.GetFromJsonAsync<JsonElement>("api/settings/webhook")).GetProperty("url").GetString());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_alert_endpoints()
    {
        var doc = await _client.GetFromJsonAsync<JsonElement>("openapi/v1.json");
        var paths = doc.GetProperty("paths");
        Assert.Equal("ListAlerts", paths.GetProperty("/api/alerts").GetProperty("get").GetProperty("operationId").GetString());
        Assert.Contains(paths.GetProperty("/api/alerts").GetProperty("get").GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "n");
        Assert.Equal("GetWebhook", paths.GetProperty("/api/settings/webhook").GetProperty("get").GetProperty("operationId").GetString());
        Assert.Equal("SetWebhook", paths.GetProperty("/api/settings/webhook").GetProperty("put").GetProperty("operationId").GetString());
        Assert.True(paths.GetProperty("/api/settings/webhook").GetProperty("put").GetProperty("responses").TryGetProperty("400", out _));
    }
}
