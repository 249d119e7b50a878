using TradingBlazor.Engine.Backtesting;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Components.Backtests;
using TradingBlazor.Services;
using TradingBlazor.Tests.Components.Fakes;

namespace TradingBlazor.Tests.Components;

public sealed class RunResultsTests : ComponentTestBase
{
    private const string Summary = """
        { "final_equity": 11234.56, "total_return_pct": 12.3456, "annualized_return_pct": 14.1, "sharpe": 1.2345, "sortino": 2,
          "max_drawdown_pct": 5.5, "max_drawdown_days": 17, "closed_trades": 2, "win_rate_pct": 50, "profit_factor": 2.1,
          "expectancy": 30.75, "exposure_pct": 33.333, "average_bars_held": 3.5, "total_fees": 2 }
        """;

    private readonly FakeBacktestLab _lab = TestConfigs.Lab();
    private readonly BunitJSModuleInterop _charts;

    public RunResultsTests()
    {
        Ctx.Services.AddSingleton<IBacktestLab>(_lab);
        _charts = Ctx.JSInterop.SetupModule("./js/backtest-chart.js");
        _charts.Setup<int>("render", _ => true).SetResult(5);
        _lab.Details[7] = new RunDetail(TestConfigs.Run(7, "SMA 10/30 crossover", Summary), new[] { TestConfigs.Winner, TestConfigs.Loser }, TestConfigs.Chart);
    }

    private string Metric(string key) => Host.Find($"[data-testid='metrics'] [data-metric='{key}']").TextContent;

    private List<string[]> TradeRows() =>
        ByTestId("trades-table").QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();

    [Fact]
    public void Shows_the_run_and_its_metrics_from_the_summary()
    {
        Render<RunResults>(p => p.Add(x => x.RunId, 7));

        Assert.Equal(new long[] { 7 }, _lab.Opened);
        var results = ByTestId("run-results");
        Assert.Equal("7", results.GetAttribute("data-run-id"));
        Assert.Contains("#7 · SMA 10/30 crossover · SPY · 1d · Simulated", results.TextContent);
        Assert.Contains("2025-01-02 – 2025-10-31", results.TextContent);
        Assert.Equal("11,234.56", Metric("final_equity"));
        Assert.Equal("12.35%", Metric("total_return_pct"));
        Assert.Equal("1.23", Metric("sharpe"));
        Assert.Equal("2.00", Metric("sortino"));
        Assert.Equal("5.50%", Metric("max_drawdown_pct"));
        Assert.Equal("17", Metric("max_drawdown_days"));
        Assert.Equal("2", Metric("closed_trades"));
        Assert.Equal("3.5", Metric("average_bars_held"));
        Assert.Equal("33.33%", Metric("exposure_pct"));
        Assert.Equal("—", Metric("benchmark_return_pct"));
        Assert.Equal("—", Metric("calmar"));
        Assert.Equal(16, Host.FindAll("[data-testid='metrics'] .tb-metric").Count);
        Assert.Equal("api/backtests/7/trades.csv", ByTestId("export-trades").GetAttribute("href"));
    }

    [Fact]
    public void Lists_the_trades()
    {
        Render<RunResults>(p => p.Add(x => x.RunId, 7));

        var rows = TradeRows();
        Assert.Equal(2, rows.Count);
        Assert.Equal(new[] { "SPY", "2025-02-03 14:30", "100.50", "112.25", "10", "117.50", "11.69", "-1.20", "12.40", "5", "signal_exit" }, rows[0]);
        Assert.Equal("stop_loss", rows[1][^1]);
        Assert.False(HasTestId("trade-detail"));
    }

    [Fact]
    public void Draws_the_charts_with_the_runs_chart_data()
    {
        Theme.Initialize(true);

        Render<RunResults>(p => p.Add(x => x.RunId, 7));

        Host.WaitForAssertion(() => Assert.Equal("5", ByTestId("equity-chart").GetAttribute("data-chart-id")));
        var render = Assert.Single(_charts.Invocations["render"]);
        Assert.Same(TestConfigs.Chart, render.Arguments[2]);
        Assert.Equal(true, render.Arguments[3]);
        Assert.Contains("SPY with trades", ByTestId("run-results").TextContent);
    }

    [Fact]
    public async Task Clicking_a_trade_shows_its_detail_with_the_signal_values_and_focuses_the_chart()
    {
        Render<RunResults>(p => p.Add(x => x.RunId, 7));
        Host.WaitForAssertion(() => Assert.Equal("5", ByTestId("equity-chart").GetAttribute("data-chart-id")));

        await ByTestId("trades-table").QuerySelectorAll("tbody tr")[0].ClickAsync(new());

        var detail = ByTestId("trade-detail").TextContent;
        Assert.Contains("SPY bought 2025-02-03 14:30 UTC at 100.5", detail);
        Assert.Contains("sold 2025-02-10 21:00 at 112.25 (signal_exit): P&L 117.50.", detail);
        Assert.Contains("Signal values: rsi_14 = 28.5 · sma_20 = 101.25", detail);
        var focus = Assert.Single(_charts.Invocations["focus"]);
        Assert.Equal(new object?[] { 5, 1738593000L, 1739221200L }, focus.Arguments);
    }

    [Fact]
    public async Task A_trade_without_signal_values_says_so()
    {
        Render<RunResults>(p => p.Add(x => x.RunId, 7));

        await ByTestId("trades-table").QuerySelectorAll("tbody tr")[1].ClickAsync(new());

        var detail = ByTestId("trade-detail").TextContent;
        Assert.Contains("sold 2025-03-05 21:00 at 104.5 (stop_loss): P&L -56.00.", detail);
        Assert.Contains("Signal values: —", detail);
    }

    [Fact]
    public void A_failed_run_shows_its_error_and_no_metrics_or_charts()
    {
        _lab.Details[9] = new RunDetail(TestConfigs.Run(9, "Broken", status: BacktestStatus.Failed, error: "No bars for SPX in the range."), Array.Empty<Engine.Backtesting.StoredTrade>(), null);

        Render<RunResults>(p => p.Add(x => x.RunId, 9));

        Assert.Contains("No bars for SPX in the range.", ByTestId("run-results").QuerySelector(".mud-alert")!.TextContent);
        Assert.False(HasTestId("metrics"));
        Assert.False(HasTestId("equity-chart"));
        Assert.False(HasTestId("trades-table"));
        Assert.Empty(_charts.Invocations["render"]);
    }

    [Fact]
    public void A_run_without_trades_says_so()
    {
        _lab.Details[8] = new RunDetail(TestConfigs.Run(8, "Quiet", Summary), Array.Empty<Engine.Backtesting.StoredTrade>(), TestConfigs.Chart);

        Render<RunResults>(p => p.Add(x => x.RunId, 8));

        Assert.Contains("No closed trades.", ByTestId("trades-table").TextContent);
    }

    [Fact]
    public void Shows_progress_while_the_run_loads()
    {
        _lab.OpenGate = new TaskCompletionSource();

        Render<RunResults>(p => p.Add(x => x.RunId, 7));

        Assert.False(HasTestId("run-results"));
        Assert.NotEmpty(Host.FindAll(".mud-progress-linear"));

        _lab.OpenGate.SetResult();

        Host.WaitForAssertion(() => Assert.True(HasTestId("run-results")));
    }

    [Fact]
    public async Task Opening_another_run_disposes_the_old_chart_and_the_selection()
    {
        _lab.Details[8] = new RunDetail(TestConfigs.Run(8, "RSI mean reversion", Summary), new[] { TestConfigs.Loser }, TestConfigs.Chart);
        Render<RunResults>(p => p.Add(x => x.RunId, 7));
        Host.WaitForAssertion(() => Assert.Equal("5", ByTestId("equity-chart").GetAttribute("data-chart-id")));
        await ByTestId("trades-table").QuerySelectorAll("tbody tr")[0].ClickAsync(new());
        Assert.True(HasTestId("trade-detail"));

        Host.Render(p => p.AddChildContent<RunResults>(c => c.Add(x => x.RunId, 8)));

        Host.WaitForAssertion(() => Assert.Equal("8", ByTestId("run-results").GetAttribute("data-run-id")));
        Assert.Equal(new long[] { 7, 8 }, _lab.Opened);
        Assert.Equal(new object?[] { 5 }, Assert.Single(_charts.Invocations["dispose"]).Arguments);
        Host.WaitForAssertion(() => Assert.Equal(2, _charts.Invocations["render"].Count));
        Assert.False(HasTestId("trade-detail"));
        Assert.Single(TradeRows());
    }

    [Fact]
    public async Task Removing_it_disposes_the_chart()
    {
        Render<RunResults>(p => p.Add(x => x.RunId, 7));
        Host.WaitForAssertion(() => Assert.Equal("5", ByTestId("equity-chart").GetAttribute("data-chart-id")));

        await Ctx.DisposeComponentsAsync();

        Assert.Equal(new object?[] { 5 }, Assert.Single(_charts.Invocations["dispose"]).Arguments);
    }
}
