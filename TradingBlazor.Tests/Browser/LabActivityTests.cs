using Microsoft.Playwright;

namespace TradingBlazor.Tests.Browser;

/// <summary>The Lab in the browser: a run says what became of its signals, how trades closed and its months; sweeps skip by constraint.</summary>
[Collection(BrowserCollection.Name)]
public class LabActivityTests
{
    private readonly BrowserFixture _fx;

    public LabActivityTests(BrowserFixture fx) => _fx = fx;

    [Fact]
    public async Task The_rsi_sample_says_what_became_of_its_signals_and_shows_its_months_on_every_screen()
    {
        var page = await _fx.OpenAsync("backtests", 1440, 900, dark: false);
        await page.Locator("[data-testid=sample-picker]").ClickAsync();
        await BrowserFixture.ChooseAsync(page, "rsi_mean_reversion");
        await Assertions.Expect(page.Locator("[data-testid=bt-runs-on]")).ToHaveTextAsync("Runs on SPY, the config's symbols.");

        // Overriding the sample's symbol says so; a symbol without data is refused inline.
        await BrowserFixture.Input(page, "bt-symbols").FillAsync("ZZZQ");
        await BrowserFixture.Input(page, "bt-symbols").PressAsync("Tab");
        await Assertions.Expect(page.Locator(".mud-input-helper-text", new() { HasText = "does not quote ZZZQ" })).ToBeVisibleAsync();
        await BrowserFixture.Input(page, "bt-symbols").FillAsync("AAPL");
        await BrowserFixture.Input(page, "bt-symbols").PressAsync("Tab");
        await Assertions.Expect(page.Locator("[data-testid=bt-runs-on]")).ToHaveTextAsync("Runs on AAPL instead of the config's SPY.");
        await BrowserFixture.Input(page, "bt-symbols").FillAsync("SPY");
        await BrowserFixture.Input(page, "bt-symbols").PressAsync("Tab");

        await page.Locator("[data-testid=bt-run]").ClickAsync();
        var results = page.Locator("[data-testid=run-results]");
        await Assertions.Expect(results).ToBeVisibleAsync(new() { Timeout = 60000 });
        await Assertions.Expect(results).ToContainTextAsync("RSI mean reversion");
        var entries = page.Locator("[data-testid=entry-signals]");
        await Assertions.Expect(entries).ToContainTextAsync("entry signals,");
        await Assertions.Expect(entries).ToContainTextAsync("refused — outside the trading window");
        await Assertions.Expect(page.Locator("[data-testid=exit-kinds] [data-kind=Rule]")).ToBeVisibleAsync();
        var months = page.Locator("[data-testid=monthly-returns]");
        await Assertions.Expect(months.Locator("[data-month]")).ToHaveCountAsync(10);
        await Assertions.Expect(months.Locator("[data-year-return='2025']")).ToBeVisibleAsync();
        var id = await results.GetAttributeAsync("data-run-id");
        await page.Locator("[data-testid=equity-chart][data-chart-id]").WaitForAsync(new() { Timeout = 15000 });
        await BrowserFixture.ScreenshotAsync(results, "lab-run-desktop-light");
        await page.Context.CloseAsync();

        foreach (var (width, height, dark, name) in new[] { (1440, 900, true, "lab-run-desktop-dark"), (390, 844, false, "lab-run-phone-light"), (390, 844, true, "lab-run-phone-dark") })
        {
            var other = await _fx.OpenAsync("backtests", width, height, dark);
            await other.Locator($"[data-testid=open-run-{id}]").ClickAsync();
            await Assertions.Expect(other.Locator("[data-testid=monthly-returns] [data-month]")).ToHaveCountAsync(10, new() { Timeout = 20000 });
            await other.Locator("[data-testid=equity-chart][data-chart-id]").WaitForAsync(new() { Timeout = 15000 });
            await BrowserFixture.ScreenshotAsync(other.Locator("[data-testid=run-results]"), name);
            await other.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_sweep_constraint_is_checked_as_it_is_typed()
    {
        var page = await _fx.OpenAsync("backtests", 1440, 900, dark: false);
        await Assertions.Expect(page.Locator("[data-testid=sweep-plan]")).ToHaveTextAsync("30 combinations: 27 to run, 3 skipped by fast < slow.");

        var constraint = BrowserFixture.Input(page, "sweep-constraint");
        await constraint.FillAsync("fast < slwo");
        await constraint.PressAsync("Tab");
        await Assertions.Expect(page.Locator(".mud-input-helper-text", new() { HasText = "unknown variable 'slwo'" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=sweep-run]")).ToBeDisabledAsync();

        await constraint.FillAsync("slow >= 4 * fast");
        await constraint.PressAsync("Tab");
        await Assertions.Expect(page.Locator("[data-testid=sweep-plan]")).ToHaveTextAsync("30 combinations: 15 to run, 15 skipped by slow >= 4 * fast.");
        await Assertions.Expect(page.Locator("[data-testid=sweep-run]")).ToBeEnabledAsync();
        await page.Context.CloseAsync();
    }
}
