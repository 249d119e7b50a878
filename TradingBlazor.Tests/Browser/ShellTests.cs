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
        Assert.Equal(NavMenu.Items.Count, await page.Locator("[data-testid=nav] .rz-navigation-item").CountAsync());

        var badge = page.Locator("[data-testid=market-badge]");
        var phase = await badge.GetAttributeAsync("data-phase");
        Assert.Contains(phase, Enum.GetNames<MarketPhase>());
        Assert.Matches(@"(Market open|Pre-market|After hours|Closed).* ET$", (await badge.InnerTextAsync()).Trim());
        Assert.Equal("Healthy", await page.Locator("[data-testid=card-system] h5").InnerTextAsync());
        await Assertions.Expect(page.Locator("[data-testid=dashboard-chart] [data-testid=price-chart][data-chart-id]")).ToHaveCountAsync(1, new() { Timeout = 15000 });
        await Assertions.Expect(page.Locator("[data-testid=dashboard-chart] canvas").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "shell-dashboard-light");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Every_navigation_link_opens_its_page()
    {
        var page = await _fx.OpenAsync();
        foreach (var (text, _, path) in NavMenu.Items.Reverse())
        {
            await page.Locator("[data-testid=nav] .rz-navigation-item-link", new PageLocatorOptions { HasText = text }).ClickAsync();
            await page.WaitForURLAsync($"{_fx.App.BaseUrl}/{path}");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(text);
            await BrowserFixture.ScreenshotAsync(page, $"nav-{(path == "" ? "dashboard" : path)}");
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_theme_switch_persists_across_reload()
    {
        var context = await _fx.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 860 } });
        var page = await _fx.OpenAsync("", context);
        var themeLink = page.Locator("link#radzen-theme-link");
        Assert.Contains("/material-base.css", await themeLink.GetAttributeAsync("href"));

        await page.Locator("[data-testid=theme-toggle]").ClickAsync();
        await Assertions.Expect(themeLink).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("material-dark-base\\.css"));

        await page.ReloadAsync();
        await BrowserFixture.WaitInteractiveAsync(page);
        Assert.Contains("material-dark-base.css", await themeLink.GetAttributeAsync("href"));
        var background = await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.rz-body')).backgroundColor");
        Assert.NotEqual("rgb(255, 255, 255)", background);
        await BrowserFixture.ScreenshotAsync(page, "shell-dashboard-dark");
        await _fx.GotoAsync(page, "settings");
        await Assertions.Expect(page.Locator("[data-testid=broker-no-keys]")).ToContainTextAsync("set Alpaca__KeyId and Alpaca__SecretKey");
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Alpaca paper" })).ToHaveAttributeAsync("aria-disabled", "true");
        await BrowserFixture.ScreenshotAsync(page, "settings-dark");

        // And back to light, which also persists.
        await page.Locator("[data-testid=theme-toggle]").ClickAsync();
        await Assertions.Expect(themeLink).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/material-base\\.css"));
        await page.ReloadAsync();
        Assert.Contains("/material-base.css", await themeLink.GetAttributeAsync("href"));
        await context.CloseAsync();
    }
}
