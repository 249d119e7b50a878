using System.Text.Json;
using Microsoft.Playwright;
using TradingBlazor.Services;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Browser;

/// <summary>The bot editor on the real app: a bot made from a sample, previewed on the market's recent bars, saved and started.</summary>
[Collection(BrowserCollection.Name)]
public class BotEditorTests(BrowserFixture fx)
{
    private async Task<IPage> OpenAsync(string path, int width, int height, bool dark)
    {
        var context = await fx.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        await context.AddCookiesAsync(new[] { new Cookie { Name = ThemeState.CookieName, Value = dark ? ThemeState.Dark : ThemeState.Light, Url = fx.App.BaseUrl } });
        return await fx.OpenAsync(path, context);
    }

    private static async Task<JsonElement> ChartInfoAsync(IPage page)
    {
        var chart = page.Locator("[data-testid=preview-result] [data-testid=price-chart][data-chart-id]");
        await chart.WaitForAsync(new() { Timeout = 15000 });
        var id = await chart.GetAttributeAsync("data-chart-id");
        return await page.EvaluateAsync<JsonElement>($"import('/js/price-chart.js').then(m => m.info({id}))");
    }

    private static async Task PreviewAsync(IPage page)
    {
        await page.Locator("[data-testid=preview-run]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=preview-result]")).ToBeVisibleAsync(new() { Timeout = 30000 });
    }

    [Fact]
    public async Task A_bot_from_a_sample_is_previewed_saved_and_started()
    {
        var page = await OpenAsync("bots/new", 1440, 900, dark: false);
        await page.Locator("[data-testid=editor-sample]").ClickAsync();
        await BrowserFixture.ChooseAsync(page, "macd_sma_trend");
        await Assertions.Expect(BrowserFixture.Input(page, "editor-name")).ToHaveValueAsync("MACD + SMA trend");
        await Assertions.Expect(page.Locator("[data-testid=exit-builder-text]")).ToHaveTextAsync("macd crosses_below signal or close < sma_200");
        await BrowserFixture.Input(page, "editor-name").FillAsync("Editor journey bot");
        await BrowserFixture.Input(page, "editor-name").BlurAsync();

        await page.Locator("[data-testid=preview-days]").ClickAsync();
        await BrowserFixture.ChooseAsync(page, "30 days");
        await PreviewAsync(page);
        var signals = int.Parse(await page.Locator("[data-testid=preview-signals]").InnerTextAsync());
        Assert.True(signals > 0, "the sample signals on the market's last days");
        await Assertions.Expect(page.Locator("[data-testid=preview-list] tbody tr").First).ToBeVisibleAsync();
        var info = await ChartInfoAsync(page);
        Assert.True(info.GetProperty("candles").GetInt32() > 0);
        var chartId = await page.Locator("[data-testid=preview-result] [data-testid=price-chart]").GetAttributeAsync("data-chart-id");
        await page.WaitForFunctionAsync($"import('/js/price-chart.js').then(m => m.info({chartId}).markers > 0)", null, new() { Timeout = 15000 });
        await BrowserFixture.ScreenshotAsync(page, "bot-editor-preview-light");

        await page.Locator("[data-testid=editor-save]").ClickAsync();
        await page.WaitForURLAsync("**/bots", new() { Timeout = 15000 });
        var row = page.Locator("[data-testid=bot-list] tbody tr", new() { HasText = "Editor journey bot" });
        await Assertions.Expect(row.Locator("[data-testid$=-status]")).ToHaveTextAsync("Stopped");
        await row.Locator("[data-testid$=-start]").ClickAsync();
        await Assertions.Expect(row.Locator("[data-testid$=-status]")).ToHaveTextAsync("Running");
        await BrowserFixture.ScreenshotAsync(page, "bot-editor-saved-running");

        var id = (await row.Locator("[data-testid$=-status]").GetAttributeAsync("data-testid"))!.Split('-')[1];
        using var http = fx.App.CreateClient();
        (await http.PostAsync($"api/bots/{id}/stop", null)).EnsureSuccessStatusCode();
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1440, 900, false, "bot-editor-light")]
    [InlineData(1440, 900, true, "bot-editor-dark")]
    [InlineData(390, 844, false, "bot-editor-phone-light")]
    [InlineData(390, 844, true, "bot-editor-phone-dark")]
    public async Task The_editor_and_its_preview_fit_every_width_and_theme(int width, int height, bool dark, string shot)
    {
        var page = await OpenAsync("bots/new?sample=macd_sma_trend", width, height, dark);
        await Assertions.Expect(BrowserFixture.Input(page, "entry-text")).ToBeVisibleAsync();
        await PreviewAsync(page);
        await ChartInfoAsync(page);
        // Nothing is wider than the screen: the page never scrolls sideways (the signal list scrolls in its own box).
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the viewport");
        await BrowserFixture.ScreenshotAsync(page, shot);
        // Viewport shots of the form's top and of the preview just below the app bar; the engine's fill toasts are left out.
        await page.EvaluateAsync("document.querySelectorAll('.mud-snackbar').forEach(e => e.remove())");
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(TestPaths.Artifacts("screenshots"), shot + "-top.png") });
        await page.Locator("[data-testid=preview-section]").EvaluateAsync("e => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 72)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(TestPaths.Artifacts("screenshots"), shot + "-preview.png") });
        await page.Context.CloseAsync();
    }
}
