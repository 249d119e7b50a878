using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Components.Pages;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Services;
using TradingBlazor.Tests.Components.Fakes;

namespace TradingBlazor.Tests.Components;

public sealed class MarketsPageTests : ComponentTestBase
{
    private readonly FakeMarketDataService _market = new();
    private readonly FakeChartPreferences _preferences = new();
    private readonly BunitJSModuleInterop _chart;

    public MarketsPageTests()
    {
        Ctx.Services.AddSingleton<IMarketDataService>(_market);
        Ctx.Services.AddSingleton<IChartPreferences>(_preferences);
        _chart = Ctx.JSInterop.SetupModule("./js/price-chart.js");
        _chart.Setup<int>("create", _ => true).SetResult(7);
    }

    private IReadOnlyList<string> Chips() =>
        ByTestId("active-indicators").QuerySelectorAll(".mud-chip").Select(c => c.GetAttribute("data-key")!).ToList();

    private IEnumerable<string> ChartCalls(string identifier, int argument = 1) =>
        _chart.Invocations[identifier].Select(i => i.Arguments[argument]?.ToString() ?? "");

    private void WaitForChart() => Host.WaitForAssertion(() => Assert.Equal("7", ByTestId("price-chart").GetAttribute("data-chart-id")));

    private Task SetParameterAsync(string name, string value) => ByTestId($"param-{name}").ChangeAsync(new ChangeEventArgs { Value = value });

    private Task AddAsync() => ByTestId("add-indicator").ClickAsync(new());

    [Fact]
    public void Opens_the_first_symbol_on_one_minute_bars_with_the_default_indicators()
    {
        Render<Markets>();
        WaitForChart();

        Assert.Equal(1, _market.SymbolsCalls);
        Assert.Equal(("SPY", Timeframe.Minute1), Assert.Single(_market.ChartsOpened));
        Assert.Equal(new[] { "ema_20", "bbands_20_2", "rsi_14" }, Chips());
        Assert.Equal(new[] { "ema_20", "bbands_20_2", "rsi_14" }, ChartCalls("setIndicator"));
        Assert.Equal("40", ByTestId("price-chart").GetAttribute("data-candles"));
        Assert.True(ByTestId("add-indicator").HasAttribute("disabled"));
    }

    [Fact]
    public void Labels_simulated_data_with_the_simulated_clock()
    {
        Render<Markets>();
        WaitForChart();

        Assert.True(HasTestId("simulated-badge"));
        Assert.Equal("Sim time Wed Mar 12 11:00 ET · 60x", ByTestId("sim-clock").TextContent.Trim());
        Assert.False(HasTestId("source-badge"));
        Host.WaitForAssertion(() => Assert.Contains("40 1m bars of SPY.", Host.Markup));
    }

    [Fact]
    public void Other_sources_are_named_instead()
    {
        _market.ChartIsSimulated = false;
        _market.ChartSourceName = "Imported history";

        Render<Markets>();

        Host.WaitForAssertion(() => Assert.Equal("IMPORTED HISTORY", ByTestId("source-badge").TextContent.Trim()));
        Assert.False(HasTestId("simulated-badge"));
    }

    [Fact]
    public void A_deep_link_opens_its_symbol_and_timeframe()
    {
        Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("markets?symbol=qqq&timeframe=1d");

        Render<Markets>();
        WaitForChart();

        Assert.Equal(("QQQ", Timeframe.Day1), Assert.Single(_market.ChartsOpened));
        Assert.Equal(true, _chart.Invocations["create"].Single().Arguments[2]);
    }

    [Fact]
    public void A_deep_link_to_an_unknown_symbol_or_timeframe_falls_back()
    {
        Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("markets?symbol=NOPE&timeframe=2m");

        Render<Markets>();
        WaitForChart();

        Assert.Equal(("SPY", Timeframe.Minute1), Assert.Single(_market.ChartsOpened));
    }

    [Fact]
    public async Task Picking_an_indicator_shows_its_parameters_with_defaults()
    {
        Render<Markets>();

        await SelectAsync<string>("Indicator", "macd");

        Assert.Equal("12", ByTestId("param-fast").GetAttribute("value"));
        Assert.Equal("26", ByTestId("param-slow").GetAttribute("value"));
        Assert.Equal("9", ByTestId("param-signal").GetAttribute("value"));
        Assert.False(ByTestId("add-indicator").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Adding_an_indicator_with_bad_parameters_shows_the_error_and_adds_nothing()
    {
        Render<Markets>();
        WaitForChart();
        await SelectAsync<string>("Indicator", "macd");

        await SetParameterAsync("fast", "30");
        await AddAsync();

        Assert.Equal("macd: fast (30) must be less than slow (26).", ByTestId("indicator-error").TextContent.Trim());
        Assert.Equal(new[] { "ema_20", "bbands_20_2", "rsi_14" }, Chips());
        Assert.DoesNotContain("macd_30_26_9", ChartCalls("setIndicator"));
    }

    [Fact]
    public async Task A_parameter_out_of_range_is_refused_and_picking_again_clears_the_error()
    {
        Render<Markets>();
        await SelectAsync<string>("Indicator", "rsi");
        await SetParameterAsync("period", "1");
        await AddAsync();
        Assert.Contains("period must be between 2", ByTestId("indicator-error").TextContent);

        await SelectAsync<string>("Indicator", "sma");

        Assert.False(HasTestId("indicator-error"));
    }

    [Fact]
    public async Task Adding_a_valid_indicator_adds_a_chip_and_draws_it_on_the_open_chart()
    {
        Render<Markets>();
        WaitForChart();
        await SelectAsync<string>("Indicator", "sma");

        await SetParameterAsync("period", "50");
        await AddAsync();

        Assert.Equal(new[] { "ema_20", "bbands_20_2", "rsi_14", "sma_50" }, Chips());
        Host.WaitForAssertion(() => Assert.Contains("sma_50", ChartCalls("setIndicator")));
        Assert.Single(_market.ChartsOpened);
        Assert.False(HasTestId("indicator-error"));
    }

    [Fact]
    public async Task Adding_an_indicator_already_shown_adds_no_second_chip()
    {
        Render<Markets>();
        await SelectAsync<string>("Indicator", "ema");

        await AddAsync();

        Assert.Equal(new[] { "ema_20", "bbands_20_2", "rsi_14" }, Chips());
    }

    [Fact]
    public async Task Removing_a_chip_removes_the_indicator_from_the_chart()
    {
        Render<Markets>();
        WaitForChart();

        await ByTestId("active-indicators").QuerySelector(".mud-chip[data-key='rsi_14'] .mud-chip-close-button")!.ClickAsync(new());

        Assert.Equal(new[] { "ema_20", "bbands_20_2" }, Chips());
        Host.WaitForAssertion(() => Assert.Equal(new[] { "rsi_14" }, ChartCalls("removeIndicator")));
        Assert.Single(_market.ChartsOpened);
    }

    [Fact]
    public async Task Choosing_another_symbol_reloads_the_chart()
    {
        Render<Markets>();
        WaitForChart();

        await SelectAsync<string>("Symbol", "QQQ");

        Host.WaitForAssertion(() => Assert.Equal(new[] { ("SPY", Timeframe.Minute1), ("QQQ", Timeframe.Minute1) }, _market.ChartsOpened));
        Assert.Equal(new[] { "7" }, ChartCalls("dispose", 0));
        Host.WaitForAssertion(() => Assert.Contains("40 1m bars of QQQ.", Host.Markup));
    }

    [Fact]
    public async Task Choosing_another_timeframe_reloads_the_chart()
    {
        Render<Markets>();
        WaitForChart();

        await SelectAsync<string>("Timeframe", "15m");

        Host.WaitForAssertion(() => Assert.Equal(("SPY", Timeframe.Minute15), _market.ChartsOpened[^1]));
        Assert.Equal(2, _market.ChartsOpened.Count);
    }

    [Fact]
    public async Task Import_CSV_goes_to_the_import_page()
    {
        Render<Markets>();

        await ByTestId("open-import").ClickAsync(new());

        Assert.Equal("http://localhost/markets/import", Ctx.Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public void The_indicators_kept_for_the_symbol_replace_the_defaults()
    {
        _preferences.Kept["SPY"] = new() { "sma(50)", "macd(8,26,9)", "nonsense(1)" };

        Render<Markets>();
        WaitForChart();

        Assert.Equal(new[] { "sma_50", "macd_8_26_9" }, Chips());
        Assert.Equal(new[] { "sma_50", "macd_8_26_9" }, ChartCalls("setIndicator"));
        Assert.Single(_market.ChartsOpened);
    }

    [Fact]
    public async Task Adding_and_removing_indicators_keeps_the_choice_for_the_symbol()
    {
        Render<Markets>();
        WaitForChart();
        await SelectAsync<string>("Indicator", "sma");
        await SetParameterAsync("period", "50");
        await AddAsync();

        Assert.Equal("SPY", _preferences.Saves[^1].Symbol);
        Assert.Equal(new[] { "ema(20)", "bbands(20,2)", "rsi(14)", "sma(50)" }, _preferences.Saves[^1].Specs);

        await ByTestId("active-indicators").QuerySelector(".mud-chip[data-key='ema_20'] .mud-chip-close-button")!.ClickAsync(new());

        Assert.Equal(new[] { "bbands(20,2)", "rsi(14)", "sma(50)" }, _preferences.Kept["SPY"]);
        Assert.Equal(2, _preferences.Saves.Count);
    }

    [Fact]
    public async Task Another_symbol_opens_with_its_own_kept_indicators_or_the_defaults()
    {
        _preferences.Kept["QQQ"] = new() { "rsi(7)" };
        _preferences.Kept["SPY"] = new() { "sma(50)" };
        Render<Markets>();
        WaitForChart();

        await SelectAsync<string>("Symbol", "QQQ");

        Host.WaitForAssertion(() => Assert.Equal(new[] { "rsi_7" }, Chips()));
        Host.WaitForAssertion(() => Assert.Equal(("QQQ", Timeframe.Minute1), _market.ChartsOpened[^1]));
        _preferences.Kept.Remove("SPY");
        await SelectAsync<string>("Symbol", "SPY");
        Host.WaitForAssertion(() => Assert.Equal(new[] { "ema_20", "bbands_20_2", "rsi_14" }, Chips()));
        Assert.Empty(_preferences.Saves);
    }

    [Fact]
    public void The_bar_count_follows_live_bars()
    {
        _market.Feed = new FakeFeed();
        Render<Markets>();
        WaitForChart();
        Host.WaitForAssertion(() => Assert.Equal("40 1m bars of SPY.", ByTestId("bar-count").TextContent.Trim()));

        var minute = new Bar("SPY", Timeframe.Minute1, _market.Bars.Now, 150m, 151m, 149.5m, 150.75m, 1234m);
        _market.Feed.Publish(new BarUpdate(minute, BarUpdateKind.InProgress));
        _market.Feed.Publish(new BarUpdate(minute with { Close = 150.9m }, BarUpdateKind.Closed));

        Host.WaitForAssertion(() => Assert.Equal("41 1m bars of SPY.", ByTestId("bar-count").TextContent.Trim()));
        _market.Feed.Publish(new BarUpdate(minute with { StartUtc = minute.StartUtc.AddMinutes(1) }, BarUpdateKind.InProgress));
        Host.WaitForAssertion(() => Assert.Equal("42 1m bars of SPY.", ByTestId("bar-count").TextContent.Trim()));
        Assert.Equal("42", ByTestId("price-chart").GetAttribute("data-candles"));
    }
}
