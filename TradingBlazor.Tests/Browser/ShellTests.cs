using Microsoft.Playwright;
using TradingBlazor.Components.Layout;
using TradingBlazor.Domain.Calendar;

namespace TradingBlazor.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class ShellTests
{
    private readonly BrowserFixture _fx;

    public ShellTests(BrowserFixture fx) => _fx = fx;

    [Fact]
    public async Task The_shell_loads_with_navigation_and_a_market_badge()
    {
        var page = await _fx.OpenAsync();
        Assert.Equal("Dashboard", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(NavMenu.Items.Count, await page.Locator("[data-testid=nav] .mud-nav-link").CountAsync());

        var badge = page.Locator("[data-testid=market-badge]");
        var phase = await badge.GetAttributeAsync("data-phase");
        Assert.Contains(phase, Enum.GetNames<MarketPhase>());
        Assert.Matches(@"(Market open|Pre-market|After hours|Closed).* ET$", (await badge.Locator(".tb-badge-long").InnerTextAsync()).Trim());
        // The interactive render loads the figures again after the prerendered ones: wait for them.
        await Assertions.Expect(page.Locator("[data-testid=system-status]")).ToHaveTextAsync("Healthy");
        await Assertions.Expect(page.Locator("[data-testid=dashboard-chart] [data-testid=price-chart][data-chart-id]")).ToHaveCountAsync(1, new() { Timeout = 15000 });
        await Assertions.Expect(page.Locator("[data-testid=dashboard-chart] canvas").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "shell-dashboard-light");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Every_navigation_link_opens_its_page_within_the_content_policy()
    {
        var page = await _fx.OpenAsync();
        var violations = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) violations.Add(message.Text); };
        foreach (var (text, _, path) in NavMenu.Items.Reverse())
        {
            await page.Locator("[data-testid=nav] .mud-nav-link", new PageLocatorOptions { HasText = text }).ClickAsync();
            await page.WaitForURLAsync($"{_fx.App.BaseUrl}/{path}");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(text);
            await BrowserFixture.ScreenshotAsync(page, $"nav-{(path == "" ? "dashboard" : path)}");
        }
        // The API reference runs its own inline start-up script, which only its page may.
        await page.GotoAsync($"{_fx.App.BaseUrl}/scalar/");
        await Assertions.Expect(page.Locator("#app *").First).ToBeAttachedAsync(new() { Timeout = 15000 });
        Assert.Empty(violations);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_theme_switch_persists_across_reload()
    {
        var context = await _fx.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 860 } });
        var page = await _fx.OpenAsync("", context);
        var layout = page.Locator(".tb-layout");
        Assert.Equal("light", await layout.GetAttributeAsync("data-theme"));

        await page.Locator("[data-testid=theme-toggle]").ClickAsync();
        await Assertions.Expect(layout).ToHaveAttributeAsync("data-theme", "dark");

        // The saved choice is rendered from the first paint: the prerendered HTML is already dark.
        await page.ReloadAsync();
        await BrowserFixture.WaitInteractiveAsync(page);
        Assert.Equal("dark", await layout.GetAttributeAsync("data-theme"));
        var background = await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");
        Assert.Equal("rgb(15, 18, 26)", background);
        await BrowserFixture.ScreenshotAsync(page, "shell-dashboard-dark");
        await _fx.GotoAsync(page, "settings");
        await Assertions.Expect(page.Locator("[data-testid=broker-no-keys]")).ToContainTextAsync("set Alpaca__KeyId and Alpaca__SecretKey");
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Alpaca paper" })).ToBeDisabledAsync();
        await BrowserFixture.ScreenshotAsync(page, "settings-dark");

        // And back to light, which also persists.
        await page.Locator("[data-testid=theme-toggle]").ClickAsync();
        await Assertions.Expect(layout).ToHaveAttributeAsync("data-theme", "light");
        await page.ReloadAsync();
        await BrowserFixture.WaitInteractiveAsync(page);
        Assert.Equal("light", await layout.GetAttributeAsync("data-theme"));
        await context.CloseAsync();
    }
}
