using Microsoft.Playwright;
using TradingBlazor.Services;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Browser;

/// <summary>The Lab's run list pages through the store in a real browser, on a phone and a desktop, light and dark.</summary>
[Collection(BrowserCollection.Name)]
public class BacktestRunListTests(BrowserFixture fx)
{
    [Theory]
    [InlineData(1440, 900, false, "lab-runs-paged")]
    [InlineData(390, 844, true, "lab-runs-paged-phone-dark")]
    public async Task The_run_list_shows_the_total_and_pages_through_the_stored_runs(int width, int height, bool dark, string shot)
    {
        await using var app = await TestApp.StartAsync();
        await StoredRuns.SeedAsync(app.Services, 23);
        var context = await fx.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        await context.AddCookiesAsync(new[] { new Cookie { Name = ThemeState.CookieName, Value = dark ? ThemeState.Dark : ThemeState.Light, Url = app.BaseUrl } });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/backtests");
        await BrowserFixture.WaitInteractiveAsync(page);
        var rows = page.Locator("[data-testid=runs-grid] tbody tr");

        await Assertions.Expect(page.Locator("[data-testid=runs-total]")).ToHaveTextAsync("23 runs stored");
        await Assertions.Expect(rows).ToHaveCountAsync(10);
        await Assertions.Expect(rows.First.Locator("td").Nth(1)).ToHaveTextAsync("23");
        await page.Locator("[data-testid=runs-grid] button[aria-label='Next page']").ClickAsync();
        await Assertions.Expect(rows.First.Locator("td").Nth(1)).ToHaveTextAsync("13");
        await Assertions.Expect(page.Locator("[data-testid=runs-grid] .mud-table-pagination")).ToContainTextAsync("11-20 of 23");

        // The sticky app bar and the simulated market's fill toasts would cover the list in a picture of it alone.
        await page.AddStyleTagAsync(new() { Content = ".mud-appbar, .mud-snackbar { display: none !important; }" });
        await page.Locator("[data-testid=runs]").ScrollIntoViewIfNeededAsync();
        await page.Locator("[data-testid=runs]").ScreenshotAsync(new() { Path = Path.Combine(TestPaths.Artifacts("screenshots"), shot + ".png") });
        await context.CloseAsync();
    }
}
