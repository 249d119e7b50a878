using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Events;
using TradingBlazor.Services;

namespace TradingBlazor.Tests.Browser;

/// <summary>The bell on the real app: alerts from engine events, listed with their time and message, then marked read.</summary>
[Collection(BrowserCollection.Name)]
public class AlertsTests(BrowserFixture fx)
{
    // The same refusal twice in a row alerts once: each run gives its own (cash as the run's theme).
    private void PublishSome(string cash)
    {
        var bus = fx.App.Services.GetRequiredService<TradingEventBus>();
        var at = DateTime.UtcNow;
        bus.Publish(TradingEventKind.SignalRaised, 2, new SignalRaised("AAPL", at, SignalAction.Buy, 0.62, "rsi", new Dictionary<string, double>(), false, false,
            $"Insufficient cash: {cash} left after open orders.", null));
        bus.Publish(TradingEventKind.ApprovalRequested, 1, new ApprovalUpdate(12, "tb-1-demo", "MSFT", SignalAction.Buy, 0.58, 412.35m, "Pending",
            "confidence below the auto threshold (0.75)", at.AddMinutes(5), null, null));
        bus.Publish(TradingEventKind.Fill, 1, new FillUpdate("tb-1-demo-2", "x-2", "SPY", OrderSide.Sell, 12m, 581.4m, 0m, at, "take profit", 148.2m));
        bus.Publish(TradingEventKind.RiskHalt, 2, new RiskHaltUpdate("Daily loss limit reached (-2.0%): no new entries until tomorrow."));
    }

    private async Task<IPage> OpenAsync(bool dark)
    {
        var context = await fx.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        await context.AddCookiesAsync(new[] { new Cookie { Name = ThemeState.CookieName, Value = dark ? ThemeState.Dark : ThemeState.Light, Url = fx.App.BaseUrl } });
        return await fx.OpenAsync("", context);
    }

    [Theory]
    [InlineData(false, "alerts-bell-light")]
    [InlineData(true, "alerts-bell-dark")]
    public async Task The_bell_counts_lists_and_marks_read(bool dark, string shot)
    {
        PublishSome(dark ? "$412.80" : "$96.15");
        var page = await OpenAsync(dark);
        var badge = page.Locator("[data-testid=alert-count] .mud-badge");
        await Assertions.Expect(badge).ToBeVisibleAsync(new() { Timeout = 10000 });
        await Assertions.Expect(badge).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^([4-9]|\d\d|99\+)$"));

        await page.Locator("[data-testid=alert-bell-button]").ClickAsync();
        var items = page.Locator(".mud-popover-open [data-testid=alert-item]");
        // Both runs share the app: each finds its own refusal, and the other alerts at least once.
        await Assertions.Expect(items.Filter(new() { HasText = dark ? "$412.80" : "$96.15" })).ToHaveCountAsync(1, new() { Timeout = 10000 });
        await Assertions.Expect(items.Filter(new() { HasText = "Trading halted" }).First).ToBeVisibleAsync();
        await Assertions.Expect(items.Filter(new() { HasText = "Approval waiting: Buy MSFT" }).First).ToBeVisibleAsync();
        await Assertions.Expect(items.Filter(new() { HasText = "Sold 12 SPY at 581.40 · P&L +148.20 (take profit)" }).First).ToBeVisibleAsync();
        Assert.Matches(@"^\d\d-\d\d \d\d:\d\d:\d\d ET", await items.First.Locator(".tb-alert-meta").InnerTextAsync());
        await page.WaitForTimeoutAsync(400); // the popover's fade-in
        await BrowserFixture.ScreenshotAsync(page, shot);

        await page.Locator("[data-testid=alert-mark-read]").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .tb-alert-unread")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=alert-bell-button]")).ToHaveAttributeAsync("aria-label", "Alerts");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_webhook_field_refuses_a_relative_url_and_saves_an_absolute_one()
    {
        var page = await OpenAsync(dark: false);
        await fx.GotoAsync(page, "settings");
        var url = BrowserFixture.Input(page, "webhook-url");
        await url.FillAsync("hooks/trading");
        await page.Locator("[data-testid=webhook-save]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=settings-webhook] .mud-input-error").First).ToContainTextAsync("absolute http:// or https:// URL");
        await BrowserFixture.ScreenshotAsync(page, "settings-webhook-invalid");

        await url.FillAsync("http://127.0.0.1:9/hook?token=abc");
        await page.Locator("[data-testid=webhook-save]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=webhook-state]")).ToContainTextAsync("On");
        using var http = fx.App.CreateClient();
        Assert.Contains("127.0.0.1:9/hook?token=abc", await http.GetStringAsync("api/settings/webhook"));
        (await System.Net.Http.Json.HttpClientJsonExtensions.PutAsJsonAsync(http, "api/settings/webhook", new { url = "" })).EnsureSuccessStatusCode();
        await page.Context.CloseAsync();
    }
}
