using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradingBlazor.Tests.Alpaca;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Browser;

/// <summary>The Settings page against a real app whose Alpaca is the fake: switching brokers, testing keys, stream status.</summary>
[Collection(BrowserCollection.Name)]
public class BrokerSettingsTests : IAsyncLifetime
{
    private readonly BrowserFixture _fx;
    private FakeAlpaca _fake = null!;
    private TestApp _app = null!;

    public BrokerSettingsTests(BrowserFixture fx) => _fx = fx;

    public async Task InitializeAsync()
    {
        _fake = await FakeAlpaca.StartAsync();
        _app = await TestApp.StartAsync($"--Alpaca:KeyId={FakeAlpaca.KeyId}", $"--Alpaca:SecretKey={FakeAlpaca.Secret}", $"--Alpaca:TradingUrl={_fake.BaseUrl}", $"--Alpaca:DataUrl={_fake.BaseUrl}");
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task Switching_to_alpaca_connects_both_streams_tests_the_keys_and_live_needs_a_typed_confirmation()
    {
        var context = await _fx.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{_app.BaseUrl}/settings");
        await BrowserFixture.WaitInteractiveAsync(page);
        var current = page.Locator("[data-testid=broker-current]");
        await Assertions.Expect(current).ToHaveTextAsync("Simulated (offline)");
        Assert.Equal("••••0001", (await page.Locator("[data-testid=broker-key]").InnerTextAsync()).Trim());

        await page.GetByRole(AriaRole.Radio, new() { Name = "Alpaca paper" }).ClickAsync();
        await Assertions.Expect(current).ToHaveTextAsync("Alpaca paper");
        var streams = page.Locator("[data-testid=broker-streams] tbody tr");
        await Assertions.Expect(streams).ToHaveCountAsync(2);
        await Assertions.Expect(streams.Filter(new() { HasText = "Connected" })).ToHaveCountAsync(2, new() { Timeout = 15000 });

        await page.Locator("[data-testid=broker-test]").ClickAsync();
        var account = page.Locator("[data-testid=broker-account]");
        await Assertions.Expect(account).ToContainTextAsync("PAFAKE0001 · ACTIVE");
        await Assertions.Expect(account).ToContainTextAsync("$100,000.00");
        await BrowserFixture.ScreenshotAsync(page, "settings-alpaca-paper");

        await page.GetByRole(AriaRole.Radio, new() { Name = "Alpaca live" }).ClickAsync();
        var confirm = page.Locator("[data-testid=typed-confirm-button]");
        await Assertions.Expect(confirm).ToBeDisabledAsync();
        await Assertions.Expect(current).ToHaveTextAsync("Alpaca paper"); // nothing changes until confirmed
        await BrowserFixture.ScreenshotAsync(page, "settings-live-confirmation");
        await BrowserFixture.Input(page, "typed-confirm-text").FillAsync("LIVE");
        await confirm.ClickAsync();
        await Assertions.Expect(current).ToHaveTextAsync("Alpaca live (real money)");
        await Assertions.Expect(streams.Filter(new() { HasText = "Connected" })).ToHaveCountAsync(2, new() { Timeout = 15000 });

        Assert.DoesNotContain(FakeAlpaca.Secret, await page.ContentAsync());
        using var http = _app.CreateClient();
        var health = await http.GetFromJsonAsync<JsonElement>("health");
        var broker = health.GetProperty("checks").GetProperty("broker");
        Assert.Equal("Healthy", broker.GetProperty("status").GetString());
        Assert.Equal("AlpacaLive", broker.GetProperty("data").GetProperty("mode").GetString());
        await context.CloseAsync();

        await _app.Services.GetRequiredService<TradingBlazor.Engine.Brokerage.BrokerConnection>().StopAsync(CancellationToken.None);
        var logs = string.Join('\n', Directory.GetFiles(_app.LogDirectory, "*", SearchOption.AllDirectories).Select(f => { using var r = new StreamReader(new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite)); return r.ReadToEnd(); }));
        Assert.Contains("Broker switched to Alpaca live", logs);
        Assert.DoesNotContain(FakeAlpaca.Secret, logs);
    }

    [Fact]
    public async Task The_api_refuses_live_without_confirmation_and_unknown_modes_naming_the_field()
    {
        using var http = _app.CreateClient();
        var live = await http.PutAsJsonAsync("api/broker/mode", new { mode = "AlpacaLive" });
        Assert.Equal(HttpStatusCode.BadRequest, live.StatusCode);
        var problem = await live.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("real money", problem.GetProperty("errors").GetProperty("confirmation")[0].GetString());
        // A flag is not a confirmation: only the typed phrase is.
        foreach (object body in new object[] { new { mode = "AlpacaLive", confirmLive = true }, new { mode = "AlpacaLive", confirmation = "yes" }, new { mode = "AlpacaLive", confirmation = "live" } })
        {
            using var refused = await http.PutAsJsonAsync("api/broker/mode", body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        var bogus = await http.PutAsJsonAsync("api/broker/mode", new { mode = "Margin" });
        Assert.Equal(HttpStatusCode.BadRequest, bogus.StatusCode);
        Assert.Contains("AlpacaPaper", (await bogus.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("mode")[0].GetString());

        var paper = await http.PutAsJsonAsync("api/broker/mode", new { mode = "alpacapaper" });
        Assert.Equal(HttpStatusCode.OK, paper.StatusCode);
        var status = await paper.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("••••0001", status.GetProperty("keyIdHint").GetString());
        Assert.DoesNotContain(FakeAlpaca.Secret, status.ToString());
        var waited = await Record.ExceptionAsync(() => Eventually.HoldsAsync(() => _fake.ListeningTradingPeers == 1 && _fake.SubscribedDataPeers == 1, "streams up"));
        Assert.True(waited is null, await http.GetStringAsync("api/broker"));

        _fake.PublishDataError(405, "symbol limit exceeded"); // the connection stays up; the trader still needs to know
        await Eventually.HoldsAsync(async () => (await http.GetStringAsync("api/broker")).Contains("market data: 405 symbol limit exceeded"), "problem reported");

        var back = await http.PutAsJsonAsync("api/broker/mode", new { mode = "Simulated" });
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        await Eventually.HoldsAsync(() => _fake.ListeningTradingPeers == 0, "streams closed");
    }
}
