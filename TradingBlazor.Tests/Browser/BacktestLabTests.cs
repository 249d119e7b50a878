using System.Text.Json;
using Microsoft.Playwright;

namespace TradingBlazor.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class BacktestLabTests
{
    private readonly BrowserFixture _fx;

    public BacktestLabTests(BrowserFixture fx) => _fx = fx;

    private static async Task<JsonElement> ChartInfoAsync(IPage page)
    {
        var id = await page.Locator("[data-testid=equity-chart]").GetAttributeAsync("data-chart-id");
        return await page.EvaluateAsync<JsonElement>($"import('/js/backtest-chart.js').then(m => m.info({id}))");
    }

    [Fact]
    public async Task Run_inspect_a_trade_and_compare_two_backtests()
    {
        var page = await _fx.OpenAsync("backtests");

        // Inline validation first: a bad rule names its field and starts nothing.
        var editor = page.Locator("[data-testid=bt-config] textarea, textarea[data-testid=bt-config]").First;
        var json = await editor.InputValueAsync();
        await editor.FillAsync(json.Replace("sma_10 crosses_above", "sma_99 crosses_above"));
        await page.Locator("[data-testid=bt-run]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=bt-errors]")).ToContainTextAsync("config.entry.rule");
        await BrowserFixture.ScreenshotAsync(page, "lab-validation");
        await editor.FillAsync(json);

        await page.Locator("[data-testid=bt-run]").ClickAsync();
        var results = page.Locator("[data-testid=run-results]");
        await Assertions.Expect(results).ToBeVisibleAsync(new() { Timeout = 30000 });
        await Assertions.Expect(results.Locator("[data-metric=closed_trades]")).Not.ToHaveTextAsync("—");
        await page.Locator("[data-testid=equity-chart][data-chart-id]").WaitForAsync(new() { Timeout = 15000 });
        var info = await ChartInfoAsync(page);
        Assert.True(info.GetProperty("equityPoints").GetInt32() > 100);
        Assert.True(info.GetProperty("candles").GetInt32() > 100);
        Assert.True(info.GetProperty("markers").GetInt32() > 0);

        // Click a trade: its values show and the chart jumps to it.
        await page.Locator("[data-testid=trades-table] tbody tr").First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=trade-detail]")).ToContainTextAsync("sma_10 =");
        await BrowserFixture.ScreenshotAsync(page, "lab-results");

        // A second run, then compare the two (the other tests' runs may be listed too: wait until this one is stored).
        var total = page.Locator("[data-testid=runs-total]");
        var before = await total.TextContentAsync();
        await page.Locator("[data-testid=bt-run]").ClickAsync();
        await Assertions.Expect(total).Not.ToHaveTextAsync(before ?? "", new() { Timeout = 30000 });
        await Assertions.Expect(page.Locator("[data-testid=runs-grid] tbody tr").Nth(1)).ToBeVisibleAsync(new() { Timeout = 30000 });
        await page.Locator("[data-testid=runs-grid] tbody tr").Nth(0).ClickAsync();
        await page.Locator("[data-testid=runs-grid] tbody tr").Nth(1).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=compare]")).ToContainTextAsync("Sharpe");
        await BrowserFixture.ScreenshotAsync(page, "lab-compare");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_sweep_shows_a_ranked_table_and_a_heatmap()
    {
        var page = await _fx.OpenAsync("backtests");
        await page.Locator("[data-testid=sweep-run]").ClickAsync();
        var heatmap = page.Locator("[data-testid=sweep-heatmap]");
        await Assertions.Expect(heatmap).ToBeVisibleAsync(new() { Timeout = 60000 });
        Assert.Equal(30, await heatmap.Locator(".tb-heat-cell").CountAsync()); // fast 5..30 step 5 × slow 20..100 step 20
        await Assertions.Expect(page.Locator("[data-testid=sweep-table] tbody tr").First).ToContainTextAsync("fast=");
        await heatmap.ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(page, "lab-sweep");

        await page.Locator("[data-testid=wf-run]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=wf-summary]")).ToContainTextAsync("windows", new() { Timeout = 60000 });
        Assert.True(await page.Locator("[data-testid=wf-table] tbody tr").CountAsync() >= 3);
        await page.Locator("[data-testid=wf-table]").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(page, "lab-walkforward");
        await page.Context.CloseAsync();
    }
}
