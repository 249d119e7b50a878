using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Components.Shared;
using TradingBlazor.Domain.Indicators.Registry;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Engine.Charts;
using TradingBlazor.Services;
using TradingBlazor.Tests.Components.Fakes;

namespace TradingBlazor.Tests.Components;

public sealed class PriceChartTests : ComponentTestBase
{
    private static readonly IndicatorSpec Ema = IndicatorSpec.Parse("ema(20)", IndicatorCatalog.Default);
    private static readonly IndicatorSpec Rsi = IndicatorSpec.Parse("rsi(14)", IndicatorCatalog.Default);
    private static readonly IndicatorSpec Sma = IndicatorSpec.Parse("sma(50)", IndicatorCatalog.Default);

    private readonly FakeMarketDataService _market = new();
    private readonly BunitJSModuleInterop _chart;
    private readonly List<ChartSnapshot> _loaded = new();
    private int _nextChartId = 11;

    public PriceChartTests()
    {
        Ctx.Services.AddSingleton<IMarketDataService>(_market);
        _chart = Ctx.JSInterop.SetupModule("./js/price-chart.js");
        _chart.Setup<int>("create", _ => true).SetResult(_nextChartId);
    }

    private void RenderChart(string symbol, Timeframe timeframe, params IndicatorSpec[] indicators)
    {
        if (Host is null) Render<PriceChart>(Parameters(symbol, timeframe, indicators));
        else Host.Render(p => p.AddChildContent(Parameters(symbol, timeframe, indicators)));
    }

    private Action<ComponentParameterCollectionBuilder<PriceChart>> Parameters(string symbol, Timeframe timeframe, IndicatorSpec[] indicators) => p => p
        .Add(x => x.Symbol, symbol).Add(x => x.Timeframe, timeframe).Add(x => x.Indicators, indicators).Add(x => x.Height, 300)
        .Add(x => x.Loaded, snapshot => _loaded.Add(snapshot));

    private void WaitForChart(int id = 11) => Host.WaitForAssertion(() => Assert.Equal(id.ToString(), ByTestId("price-chart").GetAttribute("data-chart-id")));

    private IEnumerable<object?[]> Calls(string identifier) => _chart.Invocations[identifier].Select(i => i.Arguments.ToArray());

    [Fact]
    public void Loads_the_symbol_and_sends_candles_and_indicators_to_a_new_chart()
    {
        RenderChart("SPY", Timeframe.Minute5, Ema, Rsi);
        WaitForChart();

        Assert.Equal(("SPY", Timeframe.Minute5), Assert.Single(_market.ChartsOpened));
        var create = Assert.Single(Calls("create"));
        Assert.Equal(new object?[] { false, false }, create[1..]);
        var setData = Assert.Single(Calls("setData"));
        Assert.Equal(11, setData[0]);
        Assert.Equal(40, ((IReadOnlyList<ChartCandle>)setData[1]!).Count);
        Assert.Equal(new[] { "ema_20", "rsi_14" }, Calls("setIndicator").Select(a => (string)a[1]!));
        Assert.All(Calls("setIndicator"), a => Assert.Equal(11, a[0]));
        Assert.Equal("40", ByTestId("price-chart").GetAttribute("data-candles"));
        Assert.Contains("--tb-chart-h:300px", Host.Find(".tb-chart-frame").GetAttribute("style")); // the frame's height (shrunk by CSS on phones)

        var snapshot = Assert.Single(_loaded);
        Assert.Equal(("SPY", "5m", true, "Simulated market", 40), (snapshot.Symbol, snapshot.Timeframe, snapshot.IsSimulated, snapshot.Source, snapshot.Candles.Count));
        Assert.Equal(new[] { "ema_20", "rsi_14" }, snapshot.Indicators.Select(i => i.Key));
        Assert.False(HasTestId("chart-error"));
    }

    [Fact]
    public void A_daily_chart_in_the_dark_theme_is_created_so()
    {
        Theme.Initialize(true);

        RenderChart("SPY", Timeframe.Day1);
        WaitForChart();

        Assert.Equal(new object?[] { true, true }, Assert.Single(Calls("create"))[1..]);
    }

    [Fact]
    public void Changing_the_indicators_updates_the_open_chart_without_reloading()
    {
        RenderChart("SPY", Timeframe.Minute1, Ema, Rsi);
        WaitForChart();

        RenderChart("SPY", Timeframe.Minute1, Ema, Sma);

        Host.WaitForAssertion(() => Assert.Equal(new[] { "rsi_14" }, Calls("removeIndicator").Select(a => (string)a[1]!)));
        Host.WaitForAssertion(() => Assert.Equal(new[] { "ema_20", "rsi_14", "sma_50" }, Calls("setIndicator").Select(a => (string)a[1]!)));
        Assert.Single(_market.ChartsOpened);
        Assert.Single(Calls("create"));
        Assert.Single(_loaded);
    }

    [Fact]
    public void Another_symbol_disposes_the_chart_and_loads_a_new_one()
    {
        RenderChart("SPY", Timeframe.Minute1, Ema);
        WaitForChart();
        _chart.Setup<int>("create", _ => true).SetResult(12);

        RenderChart("QQQ", Timeframe.Minute1, Ema);

        WaitForChart(12);
        Assert.Equal(new[] { ("SPY", Timeframe.Minute1), ("QQQ", Timeframe.Minute1) }, _market.ChartsOpened);
        Assert.Equal(new object?[] { 11 }, Assert.Single(Calls("dispose")));
        Assert.Equal(new[] { "SPY", "QQQ" }, _loaded.Select(s => s.Symbol));
    }

    [Fact]
    public void A_theme_change_restyles_the_chart()
    {
        RenderChart("SPY", Timeframe.Minute1);
        WaitForChart();

        Theme.Set(true);

        Host.WaitForAssertion(() => Assert.Equal(new object?[] { 11, true }, Assert.Single(Calls("setTheme"))));
    }

    [Fact]
    public void Live_bars_from_the_feed_update_the_chart()
    {
        _market.Feed = new FakeFeed();
        RenderChart("SPY", Timeframe.Minute1, Ema);
        WaitForChart();
        Assert.True(_market.Feed.HasListeners);

        var minute = new Bar("SPY", Timeframe.Minute1, _market.Bars.Now, 150m, 151m, 149.5m, 150.75m, 1234m);
        _market.Feed.Publish(new BarUpdate(minute, BarUpdateKind.InProgress));

        Host.WaitForAssertion(() => Assert.Single(Calls("update")));
        var update = Assert.Single(Calls("update"));
        Assert.Equal(11, update[0]);
        Assert.Equal(150.75, ((ChartCandle)update[1]!).Close);
        Assert.Contains("ema_20", ((IReadOnlyDictionary<string, double?[]>)update[2]!).Keys);
    }

    [Fact]
    public async Task Removing_the_chart_disposes_it_and_stops_listening()
    {
        _market.Feed = new FakeFeed();
        RenderChart("SPY", Timeframe.Minute1);
        WaitForChart();

        await Ctx.DisposeComponentsAsync();
        Theme.Set(true);

        Assert.Equal(new object?[] { 11 }, Assert.Single(Calls("dispose")));
        Assert.False(_market.Feed.HasListeners);
        Assert.Empty(Calls("setTheme"));
    }

    [Fact]
    public void History_that_cannot_load_shows_why()
    {
        _market.Bars.Failure = new InvalidOperationException("feed down");

        RenderChart("SPY", Timeframe.Minute5);

        Host.WaitForAssertion(() => Assert.Equal("Could not load SPY: feed down", ByTestId("chart-error").TextContent.Trim()));
        Assert.Empty(Calls("create"));
        Assert.Empty(_loaded);
    }

    [Fact]
    public void History_that_cannot_load_sends_nothing_to_a_chart_that_does_not_exist()
    {
        _market.Bars.Failure = new InvalidOperationException("feed down");

        RenderChart("SPY", Timeframe.Minute5, Ema);

        Host.WaitForAssertion(() => Assert.True(HasTestId("chart-error")));
        Assert.Empty(Calls("setIndicator"));
    }

    [Fact]
    public void A_chart_that_cannot_open_shows_why()
    {
        _market.ChartFailure = new InvalidOperationException("no source");

        RenderChart("SPY", Timeframe.Minute5, Ema);

        Host.WaitForAssertion(() => Assert.Equal("Could not load SPY: no source", ByTestId("chart-error").TextContent.Trim()));
    }

    [Fact]
    public void Every_indicator_pane_beyond_the_first_makes_the_frame_taller_and_the_panes_are_laid_out()
    {
        var macd = IndicatorSpec.Parse("macd(12,26,9)", IndicatorCatalog.Default);
        RenderChart("SPY", Timeframe.Minute1, Ema, Rsi);
        WaitForChart();
        Assert.Contains("--tb-chart-h:300px", Host.Find(".tb-chart-frame").GetAttribute("style"));
        Assert.Equal(new object?[] { 11, 140 }, Assert.Single(Calls("layout")));

        RenderChart("SPY", Timeframe.Minute1, Ema, Rsi, macd);

        Host.WaitForAssertion(() => Assert.Equal(2, Calls("layout").Count()));
        Assert.Contains("--tb-chart-h:440px", Host.Find(".tb-chart-frame").GetAttribute("style"));
        RenderChart("SPY", Timeframe.Minute1, Ema, Sma);
        Host.WaitForAssertion(() => Assert.Equal(3, Calls("layout").Count()));
        Assert.Contains("--tb-chart-h:300px", Host.Find(".tb-chart-frame").GetAttribute("style"));
    }

    [Fact]
    public void A_live_bar_that_starts_a_candle_raises_the_new_count_and_one_that_updates_it_does_not()
    {
        var counts = new List<int>();
        _market.Feed = new FakeFeed();
        Render<PriceChart>(p => p.Add(x => x.Symbol, "SPY").Add(x => x.Timeframe, Timeframe.Minute1).Add(x => x.CandlesChanged, n => counts.Add(n)));
        WaitForChart();

        var minute = new Bar("SPY", Timeframe.Minute1, _market.Bars.Now, 150m, 151m, 149.5m, 150.75m, 1234m);
        _market.Feed.Publish(new BarUpdate(minute, BarUpdateKind.InProgress));
        _market.Feed.Publish(new BarUpdate(minute with { Close = 151m }, BarUpdateKind.InProgress));
        Host.WaitForAssertion(() => Assert.Equal(2, Calls("update").Count()));

        Assert.Equal(new[] { 41 }, counts);
        Assert.Equal("41", ByTestId("price-chart").GetAttribute("data-candles"));
    }
}
