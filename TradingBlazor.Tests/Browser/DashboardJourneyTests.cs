using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using TradingBlazor.Services;

using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Browser;

/// <summary>
/// Journey 2 on the real app, engine and simulated market: a hybrid bot's doubtful entries wait on the Dashboard, one is
/// approved and fills, the other is rejected; the Approvals page audits both and the bot's page explains the trade.
/// </summary>
[Collection(BrowserCollection.Name)]
public class DashboardJourneyTests(BrowserFixture fx)
{
    private async Task<IPage> OpenAsync(string path, int width, int height, bool dark)
    {
        var context = await fx.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        await context.AddCookiesAsync(new[] { new Cookie { Name = ThemeState.CookieName, Value = dark ? ThemeState.Dark : ThemeState.Light, Url = fx.App.BaseUrl } });
        return await fx.OpenAsync(path, context);
    }

    private async Task<long> StartHybridBotAsync(HttpClient http, string name)
    {
        // Confidence 0.75: between the approval (0.70) and auto (0.80) thresholds, so every entry waits for the trader.
        var config = $$"""
            { "version": 1, "name": "{{name}}", "symbols": ["IWM", "DIA"], "capital": 6000, "timeframe": "1m",
              "trading_window": { "start": "09:30", "end": "16:00" }, "entry": { "rule": "close > 0", "confidence": 0.75 }, "exit": { "rule": "close < 0" },
              "risk": { "position_fraction": 0.3 }, "execution": { "mode": "hybrid", "approval_timeout_minutes": 1440 } }
            """;
        using var created = await http.PostAsync("api/bots", new StringContent(config, Encoding.UTF8, "application/json"));
        created.EnsureSuccessStatusCode();
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        (await http.PostAsync($"api/bots/{id}/start", null)).EnsureSuccessStatusCode();
        return id;
    }

    [Fact]
    public async Task A_hybrid_bots_signal_is_approved_from_the_dashboard_and_fills_a_second_is_rejected_and_the_trade_is_explained()
    {
        using var http = fx.App.CreateClient();
        long id = await StartHybridBotAsync(http, "hybrid journey bot");
        var page = await OpenAsync("", 1440, 900, dark: false);

        // Both symbols' entries wait, each with its countdown, and the bot has its card.
        var queue = page.Locator("[data-testid=approval-queue]");
        await Assertions.Expect(queue.Locator("tbody tr", new() { HasText = "hybrid journey bot" })).ToHaveCountAsync(2, new() { Timeout = 30000 });
        await Assertions.Expect(queue).ToContainTextAsync("below the auto threshold");
        await Assertions.Expect(page.Locator("[data-testid$=-expires]").First).ToContainTextAsync(":");
        await Assertions.Expect(page.Locator($"[data-testid=bot-tile-{id}-status]")).ToHaveTextAsync("Running");
        await Assertions.Expect(page.Locator("[data-testid=market-badge]")).ToHaveAttributeAsync("data-simulated", "true");

        var iwm = queue.Locator("tbody tr", new() { HasText = "IWM" });
        await iwm.Locator("[data-testid$=-approve]").ClickAsync();
        // The fill arrives through the engine's events: the recent fills and the bot's card show it without a reload.
        await Assertions.Expect(page.Locator("[data-testid=dashboard-trades]")).ToContainTextAsync("hybrid journey bot", new() { Timeout = 30000 });
        await Assertions.Expect(page.Locator($"[data-testid=bot-tile-{id}-positions]")).ToHaveTextAsync("1 position", new() { Timeout = 30000 });

        var dia = queue.Locator("tbody tr", new() { HasText = "DIA" });
        await dia.Locator("[data-testid$=-reject]").ClickAsync();
        await Assertions.Expect(queue.Locator("tbody tr", new() { HasText = "hybrid journey bot" })).ToHaveCountAsync(0);
        // Stopped now: its entries would keep queueing (and alerting) every simulated minute for the tests that follow.
        (await http.PostAsync($"api/bots/{id}/stop", null)).EnsureSuccessStatusCode();
        await Assertions.Expect(page.Locator("[data-testid=nav-approvals]")).ToHaveCountAsync(0);

        // The Approvals page audits both decisions.
        await page.Locator("[data-testid=nav] a[href='approvals']").ClickAsync();
        var history = page.Locator("[data-testid=approval-history] tbody tr", new() { HasText = "hybrid journey bot" });
        // Later entries that were still waiting expired when the bot stopped; the two decided ones are audited.
        await Assertions.Expect(history.Filter(new() { HasText = "IWM" }).Filter(new() { HasText = "Approved" })).ToHaveCountAsync(1);
        var rejected = history.Filter(new() { HasText = "DIA" }).Filter(new() { HasText = "Rejected" });
        await Assertions.Expect(rejected).ToHaveCountAsync(1);
        await Assertions.Expect(rejected).ToContainTextAsync("trader");

        // The bot's page explains the trade: the values, the rule, each risk check, the approval, the order and its fill.
        await page.Locator("[data-testid=approval-history] a", new() { HasText = "hybrid journey bot" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=page-title]")).ToHaveTextAsync("hybrid journey bot");
        await page.Locator("[data-testid$=-explain]").First.ClickAsync();
        var journal = page.Locator("[data-testid=trade-journal]");
        await Assertions.Expect(journal.Locator("[data-testid=journal-rule]")).ToHaveTextAsync("close > 0");
        await Assertions.Expect(journal.Locator("[data-testid=journal-value-close]")).ToBeVisibleAsync();
        await Assertions.Expect(journal.Locator("[data-testid^=journal-check-][data-state=Passed]")).ToHaveCountAsync(8);
        await Assertions.Expect(journal.Locator("[data-testid=journal-decision]")).ToContainTextAsync("Approved by trader");
        await Assertions.Expect(journal.Locator("[data-testid=journal-order-buy]")).ToContainTextAsync("Filled");
        await Assertions.Expect(journal.Locator("[data-testid=journal-fill]")).ToHaveCountAsync(1);
        // Without the fill toasts, which would cover the ledger and the equity curve.
        await page.ScreenshotAsync(new() { Path = Path.Combine(TestPaths.Artifacts("screenshots"), "bot-detail-journal-light.png"), FullPage = true,
            Style = ".mud-snackbar { display: none !important; }" });
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("", 1440, 900, false, "dashboard-light")]
    [InlineData("", 1440, 900, true, "dashboard-dark")]
    [InlineData("", 390, 844, false, "dashboard-phone-light")]
    [InlineData("", 390, 844, true, "dashboard-phone-dark")]
    [InlineData("approvals", 1440, 900, false, "approvals-light")]
    [InlineData("approvals", 1440, 900, true, "approvals-dark")]
    [InlineData("approvals", 390, 844, false, "approvals-phone-light")]
    [InlineData("approvals", 390, 844, true, "approvals-phone-dark")]
    [InlineData("bots/1", 1440, 900, false, "bot-detail-light")]
    [InlineData("bots/1", 1440, 900, true, "bot-detail-dark")]
    [InlineData("bots/1", 390, 844, false, "bot-detail-phone-light")]
    [InlineData("bots/1", 390, 844, true, "bot-detail-phone-dark")]
    [InlineData("no/such/page", 1440, 900, false, "not-found-light")]
    [InlineData("no/such/page", 390, 844, true, "not-found-phone-dark")]
    public async Task The_screens_show_at_every_width_and_theme_without_sideways_scrolling(string path, int width, int height, bool dark, string shot)
    {
        var page = await OpenAsync(path, width, height, dark);
        var key = path switch { "" => "dashboard-bots", "approvals" => "approval-history", "bots/1" => "detail-ledger", _ => "not-found" };
        await Assertions.Expect(page.Locator($"[data-testid={key}]")).ToBeVisibleAsync(new() { Timeout = 20000 });
        if (path == "") await Assertions.Expect(page.Locator("[data-testid=bot-tile-1-status]")).ToBeVisibleAsync();
        // The page itself never scrolls sideways (wide tables scroll inside their cards).
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 1, $"{path} at {width}px scrolls sideways by {overflow}px");
        await BrowserFixture.ScreenshotAsync(page, shot);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_unknown_address_answers_404_with_the_apps_page()
    {
        var context = await fx.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync($"{fx.App.BaseUrl}/no/such/page");
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator("[data-testid=not-found]")).ToContainTextAsync("Nothing at this address");
        using var http = fx.App.CreateClient();
        using var api = await http.GetAsync("api/no-such-endpoint");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, api.StatusCode);
        Assert.DoesNotContain("Nothing at this address", await api.Content.ReadAsStringAsync());
        await context.CloseAsync();
    }
}
