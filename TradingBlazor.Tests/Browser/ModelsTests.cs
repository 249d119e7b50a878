using Microsoft.Playwright;
using TradingBlazor.Tests.ML;
using Xunit.Abstractions;

namespace TradingBlazor.Tests.Browser;

/// <summary>The Models page in Chromium: a small forest trained from the UI on stored bars (the S&amp;P 500 fixture).</summary>
[Collection(BrowserCollection.Name)]
public class ModelsTests(BrowserFixture fx, ITestOutputHelper output)
{
    [Fact]
    public async Task A_forest_trained_from_the_page_runs_to_completion_and_is_listed_with_its_validation()
    {
        await StoredSpx.StoreAsync(fx.App.Services);
        var page = await fx.OpenAsync("models", 1440, 900, dark: false);

        // Inline validation first: the API's message on the field, nothing queued.
        await page.Locator("[data-testid=train-series]").ClickAsync();
        await BrowserFixture.ChooseAsync(page, "SPX · 1d");
        var folds = BrowserFixture.Input(page, "train-folds");
        await folds.FillAsync("1");
        await folds.PressAsync("Tab");
        await page.Locator("[data-testid=train-start]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=train-form]")).ToContainTextAsync("must be between 2 and 20.");
        await Assertions.Expect(page.Locator("[data-testid^=training-][data-status]")).ToHaveCountAsync(0);

        await folds.FillAsync("3");
        await folds.PressAsync("Tab");
        var seed = BrowserFixture.Input(page, "train-seed");
        await seed.FillAsync("7");
        await seed.PressAsync("Tab");
        await page.Locator("[data-testid=train-start]").ClickAsync();

        var row = page.Locator("[data-testid^=training-][data-status]").First;
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 120_000 });
        await Assertions.Expect(row.Locator("[data-testid=training-result]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^SPX v\d+ · 1,\d{3} rows$"));
        var version = (await row.Locator("[data-testid=training-result]").InnerTextAsync()).Split(' ')[1];
        output.WriteLine($"training from the page: {await row.Locator("[data-testid=training-duration]").InnerTextAsync()}");

        var card = page.Locator($"[data-testid=model-SPX-{version}]");
        await Assertions.Expect(card).ToBeVisibleAsync();
        await Assertions.Expect(card.Locator("[data-testid=model-headline]")).ToContainTextAsync("forest AUC 0.");
        await Assertions.Expect(card.Locator("[data-testid=model-metrics] tbody tr")).ToHaveCountAsync(1);
        await card.Locator("[data-testid=calibration-toggle-forest]").ClickAsync();
        await Assertions.Expect(card.Locator("[data-testid=model-calibration] tbody tr").First).ToBeVisibleAsync();
        await TidyAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "models");

        // The page survives a reload: the training and the model are stored.
        foreach (var (width, height, dark, name) in new[] { (1440, 900, true, "models-dark"), (390, 844, false, "models-phone"), (390, 844, true, "models-phone-dark") })
        {
            var opening = System.Diagnostics.Stopwatch.StartNew();
            var again = await fx.OpenAsync("models", width, height, dark);
            await Assertions.Expect(again.Locator("[data-testid^=training-][data-status]").First).ToHaveAttributeAsync("data-status", "completed");
            await Assertions.Expect(again.Locator($"[data-testid=model-SPX-{version}]")).ToBeVisibleAsync();
            output.WriteLine($"{name}: open to interactive with the model listed in {opening.ElapsedMilliseconds} ms");
            await TidyAsync(again);
            await BrowserFixture.ScreenshotAsync(again, name);
            await again.Context.CloseAsync();
        }
        await page.Context.CloseAsync();
    }

    // For the screenshots: the page from its top, without the demo bots' fill toasts shown so far over it.
    private static async Task TidyAsync(IPage page)
    {
        await page.Mouse.WheelAsync(0, -20_000);
        foreach (var close in await page.Locator(".mud-snackbar button").AllAsync())
            await close.ClickAsync(new() { Timeout = 2_000, Force = true }).ContinueWith(_ => { }); // a toast may leave by itself first
    }
}
