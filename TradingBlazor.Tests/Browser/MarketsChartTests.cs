using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradingBlazor.Adapters.Csv;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Browser;

/// <summary>The Markets chart in the browser: readable panes, a live bar count, indicators kept per symbol, imported history whole.</summary>
[Collection(BrowserCollection.Name)]
public class MarketsChartTests
{
    private readonly BrowserFixture _fx;

    public MarketsChartTests(BrowserFixture fx) => _fx = fx;

    private sealed record ChartInfo(int Candles, int Panes, int[] PaneHeights, string[] Indicators);

    private static async Task<ChartInfo> WaitForChartAsync(IPage page, Func<ChartInfo, bool> ready)
    {
        var chart = page.Locator("[data-testid=price-chart][data-chart-id]");
        await chart.WaitForAsync(new() { Timeout = 20000 });
        ChartInfo? info = null;
        for (int i = 0; i < 150; i++)
        {
            var id = await chart.GetAttributeAsync("data-chart-id");
            var json = await page.EvaluateAsync<JsonElement>($"import('/js/price-chart.js').then(m => m.info({id}))");
            info = json.ValueKind == JsonValueKind.Object ? json.Deserialize<ChartInfo>(new JsonSerializerOptions(JsonSerializerDefaults.Web)) : null;
            if (info is not null && ready(info)) return info;
            await Task.Delay(100);
        }
        Assert.Fail($"chart not ready: {JsonSerializer.Serialize(info)}");
        return null!;
    }

    private static async Task AddAsync(IPage page, string indicator)
    {
        await page.Locator("[data-testid=indicator-picker]").ClickAsync();
        await BrowserFixture.ChooseAsync(page, indicator);
        await page.Locator("[data-testid=add-indicator]").ClickAsync();
    }

    [Fact]
    public async Task Panes_keep_their_height_the_bar_count_goes_live_and_the_indicators_survive_a_reload()
    {
        var page = await _fx.OpenAsync("markets", 1440, 900, dark: false);
        await WaitForChartAsync(page, i => i.Indicators.Length == 3);
        await AddAsync(page, "MACD");
        await AddAsync(page, "Stochastic");

        // The frame grows with the panes and the chart follows its size: wait for that layout.
        var info = await WaitForChartAsync(page, i => i.Indicators.Length == 5 && i.Panes == 4 && i.PaneHeights.Skip(1).All(h => h >= 130));
        // Price pane plus RSI, MACD and Stochastic, each at least the readable minimum (140 px less the separators).
        Assert.All(info.PaneHeights.Skip(1), h => Assert.InRange(h, 130, 150));
        Assert.True(info.PaneHeights[0] >= 380, $"price pane {info.PaneHeights[0]} px");

        var count = page.Locator("[data-testid=bar-count]");
        var first = await count.InnerTextAsync();
        await Assertions.Expect(count).Not.ToHaveTextAsync(first, new() { Timeout = 20000 });
        await BrowserFixture.ScreenshotAsync(page, "markets-panes-light");

        await page.ReloadAsync();
        await BrowserFixture.WaitInteractiveAsync(page);
        var kept = await WaitForChartAsync(page, i => i.Indicators.Length == 5);
        Assert.Contains("macd_12_26_9", kept.Indicators);
        await Assertions.Expect(page.Locator("[data-testid=active-indicators] [data-key=stoch_14_3_3]")).ToBeVisibleAsync();

        // Another symbol has its own choice (none kept yet: the defaults).
        await page.Locator("[data-testid=symbol-picker]").ClickAsync();
        await BrowserFixture.ChooseAsync(page, "AAPL");
        await WaitForChartAsync(page, i => i.Indicators.Length == 3);
        await Assertions.Expect(page.Locator("[data-testid=bar-count]")).ToContainTextAsync("bars of AAPL");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Imported_history_charts_every_bar()
    {
        var store = _fx.App.Services.GetRequiredService<IBarStore>();
        var bars = BarCsvReader.ReadFile(SpxFixture.BarsPath, "SPXHIST").Bars;
        await store.UpsertAsync(bars);

        var page = await _fx.OpenAsync("markets?symbol=SPXHIST&timeframe=1d", 1440, 900, dark: false);

        await Assertions.Expect(page.Locator("[data-testid=price-chart][data-candles='5105']")).ToHaveCountAsync(1, new() { Timeout = 20000 });
        var info = await WaitForChartAsync(page, i => i.Candles == 5105);
        Assert.Equal(5105, info.Candles);
        await Assertions.Expect(page.Locator("[data-testid=bar-count]")).ToHaveTextAsync("5,105 1d bars of SPXHIST.");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1440, 900, false, "markets-desktop-light")]
    [InlineData(1440, 900, true, "markets-desktop-dark")]
    [InlineData(390, 844, false, "markets-phone-light")]
    [InlineData(390, 844, true, "markets-phone-dark")]
    public async Task Markets_screens(int width, int height, bool dark, string name)
    {
        var page = await _fx.OpenAsync("markets", width, height, dark);
        await WaitForChartAsync(page, i => i.Indicators.Length == 3 && i.Candles > 100);
        await AddAsync(page, "MACD");
        await WaitForChartAsync(page, i => i.Indicators.Length == 4);
        await BrowserFixture.ScreenshotAsync(page, name);
        await BrowserFixture.ScreenshotAsync(page.Locator(".tb-chart-card"), name + "-chart");
        await page.Context.CloseAsync();
    }
}
