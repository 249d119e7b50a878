using System.Text.Json;
using Microsoft.Playwright;

namespace TradingBlazor.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class MarketsTests
{
    private readonly BrowserFixture _fx;

    public MarketsTests(BrowserFixture fx) => _fx = fx;

    private sealed record ChartInfo(int Candles, int Panes, string[] Indicators, double? LastClose, bool Dark);

    /// <summary>What the chart module holds (the same module instance the page imported).</summary>
    private static async Task<ChartInfo> InfoAsync(IPage page)
    {
        var id = await page.Locator("[data-testid=price-chart]").GetAttributeAsync("data-chart-id");
        var json = await page.EvaluateAsync<JsonElement>($"import('/js/price-chart.js').then(m => m.info({id}))");
        return json.Deserialize<ChartInfo>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    private static async Task<ChartInfo> WaitForChartAsync(IPage page, Func<ChartInfo, bool> ready)
    {
        ChartInfo? info = null;
        for (int i = 0; i < 100; i++)
        {
            if (await page.Locator("[data-testid=price-chart][data-chart-id]").CountAsync() > 0)
            {
                info = await InfoAsync(page);
                if (info is not null && ready(info)) return info;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"chart not ready: {JsonSerializer.Serialize(info)}");
        return null!;
    }

    [Fact]
    public async Task The_chart_renders_candles_overlays_and_an_oscillator_pane_and_updates_live()
    {
        var page = await _fx.OpenAsync("markets");
        var info = await WaitForChartAsync(page, i => i.Candles > 100 && i.Indicators.Length == 3);
        Assert.Equal(2, info.Panes); // price (with volume, EMA, Bollinger) + RSI pane
        Assert.Equal(new[] { "ema_20", "bbands_20_2", "rsi_14" }, info.Indicators);
        Assert.True(await page.Locator("[data-testid=price-chart] canvas").CountAsync() > 0);
        await Assertions.Expect(page.Locator("[data-testid=simulated-badge]")).ToBeVisibleAsync();

        // The simulated feed runs at 60x: a new minute candle arrives about every second.
        var later = await WaitForChartAsync(page, i => i.Candles > info.Candles);
        Assert.True(later.Candles > info.Candles);
        await BrowserFixture.ScreenshotAsync(page, "markets-spy-1m");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Adding_and_removing_an_indicator_changes_the_chart()
    {
        var page = await _fx.OpenAsync("markets");
        await WaitForChartAsync(page, i => i.Indicators.Length == 3);

        await page.Locator("[data-testid=indicator-picker]").ClickAsync();
        await BrowserFixture.ChooseAsync(page, "MACD");
        await page.Locator("[data-testid=param-fast] input, input[data-testid=param-fast]").First.FillAsync("8");
        await page.Locator("[data-testid=add-indicator]").ClickAsync();
        var info = await WaitForChartAsync(page, i => i.Indicators.Contains("macd_8_26_9"));
        Assert.Equal(3, info.Panes);
        await Assertions.Expect(page.Locator("[data-testid=active-indicators] [data-key=macd_8_26_9]")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "markets-macd-added");

        // Bad parameters get an inline error naming the parameter and change nothing.
        await page.Locator("[data-testid=param-fast] input, input[data-testid=param-fast]").First.FillAsync("30");
        await page.Locator("[data-testid=add-indicator]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=indicator-error]")).ToContainTextAsync("fast (30) must be less than slow (26)");

        await page.Locator("[data-key=rsi_14] .mud-chip-close-button").ClickAsync();
        info = await WaitForChartAsync(page, i => !i.Indicators.Contains("rsi_14"));
        Assert.Equal(2, info.Panes);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Switching_timeframe_reloads_the_chart()
    {
        var page = await _fx.OpenAsync("markets");
        await WaitForChartAsync(page, i => i.Candles > 100);
        await page.Locator("[data-testid=timeframe-picker]").ClickAsync();
        await BrowserFixture.ChooseAsync(page, "1d");
        // Wait for the whole reload (candles and all three indicator series), not just its first part.
        var info = await WaitForChartAsync(page, i => i.Candles is > 400 and < 700 && i.Indicators.Length == 3); // ~2 years of sessions
        Assert.Equal(new[] { "ema_20", "bbands_20_2", "rsi_14" }, info.Indicators);
        await BrowserFixture.ScreenshotAsync(page, "markets-spy-1d");

        // Readable in the dark theme too: the chart follows the theme switch.
        await page.Locator("[data-testid=theme-toggle]").ClickAsync();
        await Assertions.Expect(page.Locator(".tb-layout[data-theme=dark]")).ToHaveCountAsync(1);
        Assert.True((await WaitForChartAsync(page, i => i.Dark)).Dark);
        await BrowserFixture.ScreenshotAsync(page, "markets-spy-1d-dark");
        await page.Context.CloseAsync();
    }
}
