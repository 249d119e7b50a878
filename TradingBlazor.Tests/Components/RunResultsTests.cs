using Bunit;
using TradingBlazor.Domain.Execution;
using TradingBlazor.Domain.Risk;
using TradingBlazor.Engine.Backtesting;
using TradingBlazor.Engine.Preview;
using TradingBlazor.Engine.Reports;
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
        Assert.Equal(new[] { "SPY", "2025-02-03 09:30", "100.50", "112.25", "10", "117.50", "11.69", "-1.20", "12.40", "5", "signal_exit" }, rows[0]);
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
        Assert.Contains("SPY bought 2025-02-03 09:30 ET at 100.5", detail);
        Assert.Contains("sold 2025-02-10 16:00 at 112.25 (signal_exit): P&L 117.50.", detail);
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
        Assert.Contains("sold 2025-03-05 16:00 at 104.5 (stop_loss): P&L -56.00.", detail);
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

    private static readonly SignalTally NoSignals = new(0, 0, 0, Array.Empty<RefusalCount>());

    private static PeriodReturn Month(int year, int month, double pct, int trades = 0) =>
        new(ReturnPeriod.Month, new DateOnly(year, month, 1), new DateOnly(year, month, 1).AddMonths(1).AddDays(-1), (decimal)pct * 100, pct, trades);

    [Fact]
    public void Entry_signals_refused_by_risk_are_counted_with_their_reasons()
    {
        var entries = new SignalTally(12, 0, 0, new[] { new RefusalCount(RiskRejectionCode.MaxOpenPositions, 8), new RefusalCount(RiskRejectionCode.InsufficientCash, 4) });
        _lab.Details[8] = new RunDetail(TestConfigs.Run(8, "Crowded", Summary), Array.Empty<StoredTrade>(), TestConfigs.Chart,
            new BacktestActivity(entries, NoSignals, Array.Empty<ExitTally>(), new[] { Month(2025, 1, 0) }));

        Render<RunResults>(p => p.Add(x => x.RunId, 8));

        Assert.Equal("12 entry signals, 0 executed: 12 refused — max positions (8), cash (4)", ByTestId("entry-signals").TextContent.Trim());
        Assert.False(HasTestId("exit-signals"));
        Assert.False(HasTestId("exit-kinds"));
        Assert.Contains("No closed trades: the signals above say why.", ByTestId("trades-table").TextContent);
    }

    [Fact]
    public void A_run_without_entry_signals_names_the_condition_that_never_held()
    {
        var probe = new EntryProbe(16_266, new[] { new ConditionCount("rsi_14 crosses_above 30", 0), new ConditionCount("close < sma_50", 7_000) }, 0);
        _lab.Details[8] = new RunDetail(TestConfigs.Run(8, "RSI mean reversion", Summary), Array.Empty<StoredTrade>(), TestConfigs.Chart,
            new BacktestActivity(NoSignals, NoSignals, Array.Empty<ExitTally>(), Array.Empty<PeriodReturn>()), probe);

        Render<RunResults>(p => p.Add(x => x.RunId, 8));

        Assert.Equal("0 entry signals: “rsi_14 crosses_above 30” never held in this range (16,266 bars).", ByTestId("entry-signals").TextContent.Trim());
        Assert.False(HasTestId("monthly-returns"));
    }

    [Fact]
    public void Conditions_that_held_but_never_together_are_listed_with_their_counts()
    {
        var probe = new EntryProbe(500, new[] { new ConditionCount("a > 1", 12), new ConditionCount("b < 2", 300) }, 0);

        Assert.Equal("0 entry signals: its conditions never held together in 500 bars — “a > 1” on 12, “b < 2” on 300.", ActivityText.NoEntries(probe));
        Assert.Equal("0 entry signals: the entry rule never held in this range.", ActivityText.NoEntries(null));
    }

    [Fact]
    public void Shows_exits_by_kind_open_positions_and_returns_by_month()
    {
        var summary = Summary.TrimEnd().TrimEnd('}') + """, "open_positions": [ { "symbol": "SPY" } ] }""";
        var activity = new BacktestActivity(new SignalTally(3, 3, 0, Array.Empty<RefusalCount>()), new SignalTally(2, 1, 0, new[] { new RefusalCount(RiskRejectionCode.NoPosition, 1) }),
            new[] { new ExitTally(ExitKind.Rule, 1, 117.5m), new ExitTally(ExitKind.StopLoss, 1, -56m) },
            new[] { Month(2024, 12, 1.5), Month(2025, 1, 2), Month(2025, 2, -1, trades: 2) });
        _lab.Details[8] = new RunDetail(TestConfigs.Run(8, "Busy", summary), new[] { TestConfigs.Winner, TestConfigs.Loser }, TestConfigs.Chart, activity);

        Render<RunResults>(p => p.Add(x => x.RunId, 8));

        Assert.Equal("3 entry signals, 3 executed", ByTestId("entry-signals").TextContent.Trim());
        Assert.Equal("2 exit signals, 1 executed: 1 refused — no position (1)", ByTestId("exit-signals").TextContent.Trim());
        Assert.Contains("1 position still open", ByTestId("open-at-end").TextContent);
        var kinds = ByTestId("exit-kinds").QuerySelectorAll("[data-kind]").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(new[] { "Rule exit · 1 · 117.50", "Stop-loss · 1 · -56.00" }, kinds.Select(k => string.Join(" ", k.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))));
        var table = ByTestId("monthly-returns");
        Assert.Equal(new[] { "2024", "2025" }, table.QuerySelectorAll("tbody tr").Select(r => r.GetAttribute("data-year")));
        Assert.Equal("2.00", table.QuerySelector("[data-month='2025-01']")!.TextContent);
        Assert.Equal("-1.00", table.QuerySelector("[data-month='2025-02']")!.TextContent);
        Assert.Contains("2 closed trades", table.QuerySelector("[data-month='2025-02']")!.GetAttribute("title"));
        Assert.Equal("0.98", table.QuerySelector("[data-year-return='2025']")!.TextContent); // 1.02 × 0.99
        Assert.Equal(11, table.QuerySelectorAll("tr[data-year='2024'] td.tb-months-blank").Count);
    }

    [Fact]
    public void A_run_stored_without_activity_shows_none()
    {
        Render<RunResults>(p => p.Add(x => x.RunId, 7));

        Assert.False(HasTestId("run-activity"));
    }
}
