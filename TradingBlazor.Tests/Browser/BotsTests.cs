using Microsoft.Playwright;
using TradingBlazor.Services;

namespace TradingBlazor.Tests.Browser;

/// <summary>The demo bots on the real engine, as a trader sees them: listed running, paused and started again from the page.</summary>
[Collection(BrowserCollection.Name)]
public class BotsTests(BrowserFixture fx)
{
    private Task<IPage> OpenAsync(string path, int width, int height, bool dark) => fx.OpenAsync(path, width, height, dark);

    [Fact]
    public async Task The_demo_bots_run_and_pause_and_start_from_the_bots_page()
    {
        var page = await OpenAsync("bots", 1440, 900, dark: false);
        var status = page.Locator("[data-testid=bot-1-status]");
        await Assertions.Expect(status).ToHaveTextAsync("Running");
        await Assertions.Expect(page.Locator("[data-testid=bot-2-status]")).ToHaveTextAsync("Running");

        await page.Locator("[data-testid=bot-1-pause]").ClickAsync();
        await Assertions.Expect(status).ToHaveTextAsync("Paused");
        await Assertions.Expect(page.Locator("[data-testid=bot-1-pause]")).ToBeDisabledAsync();
        await page.Locator("[data-testid=bot-1-start]").ClickAsync();
        await Assertions.Expect(status).ToHaveTextAsync("Running");
        await BrowserFixture.ScreenshotAsync(page, "bots-light");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("bots", 1440, 900, true, "bots-dark")]
    [InlineData("", 1440, 900, true, "dashboard-bots-dark")]
    [InlineData("", 1440, 900, false, "dashboard-bots-light")]
    [InlineData("", 390, 844, false, "dashboard-bots-phone")]
    [InlineData("bots", 390, 844, true, "bots-phone-dark")]
    public async Task The_bot_list_shows_at_every_width_and_theme(string path, int width, int height, bool dark, string shot)
    {
        var page = await OpenAsync(path, width, height, dark);
        // The Dashboard shows a card per bot; the Bots page the full list.
        var prefix = path == "" ? "bot-tile" : "bot";
        var listId = path == "" ? "bot-tile-1" : "bot-list";
        await Assertions.Expect(page.Locator($"[data-testid={listId}]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"[data-testid={prefix}-2-status]")).ToHaveTextAsync("Running");
        // On the Dashboard every lifecycle button fits inside its card; the full list scrolls sideways on a phone.
        var list = await page.Locator($"[data-testid={listId}]").BoundingBoxAsync();
        var stop = await page.Locator($"[data-testid={prefix}-1-stop]").BoundingBoxAsync();
        Assert.NotNull(stop);
        Assert.True(stop!.Width > 0);
        if (path == "") Assert.True(stop.X >= list!.X && stop.X + stop.Width <= list.X + list.Width + 1, "the stop button is inside the list");
        if (path == "") await Assertions.Expect(page.Locator("[data-testid=dashboard-chart] canvas").First).ToBeVisibleAsync(new() { Timeout = 15000 });
        await BrowserFixture.ScreenshotAsync(page, shot);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_manual_bots_entry_waits_on_the_dashboard_and_is_approved_there()
    {
        using var http = fx.App.CreateClient();
        var config = """
            { "version": 1, "name": "manual browser bot", "symbols": ["IWM"], "capital": 5000, "timeframe": "1m",
              "trading_window": { "start": "09:30", "end": "16:00" }, "entry": { "rule": "close > 0" }, "exit": { "rule": "close < 0" },
              "risk": { "position_fraction": 0.5 }, "execution": { "mode": "manual", "approval_timeout_minutes": 1440 } }
            """;
        using var created = await http.PostAsync("api/bots", new StringContent(config, System.Text.Encoding.UTF8, "application/json"));
        var id = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        (await http.PostAsync($"api/bots/{id}/start", null)).EnsureSuccessStatusCode();

        var page = await OpenAsync("", 1440, 900, dark: false);
        var approve = page.Locator("[data-testid$=-approve]").First;
        await Assertions.Expect(approve).ToBeVisibleAsync(new() { Timeout = 20000 });
        await Assertions.Expect(page.Locator("[data-testid=approval-queue]")).ToContainTextAsync("manual mode");
        await BrowserFixture.ScreenshotAsync(page, "dashboard-approvals");
        await approve.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=approvals-card]")).ToHaveCountAsync(0);
        var orders = await http.GetStringAsync($"api/orders?bot={id}");
        Assert.Contains($"tb{id}-IWM-", orders);
        (await http.PostAsync($"api/bots/{id}/stop", null)).EnsureSuccessStatusCode();
        await page.Context.CloseAsync();
    }
}
