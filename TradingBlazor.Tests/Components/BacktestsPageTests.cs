using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Components.Backtests;
using TradingBlazor.Components.Pages;
using TradingBlazor.Engine.Backtesting;
using TradingBlazor.Services;
using TradingBlazor.Tests.Components.Fakes;

namespace TradingBlazor.Tests.Components;

public sealed class BacktestsPageTests : ComponentTestBase
{
    private const string AlphaSummary = """{ "final_equity": 11234.56, "total_return_pct": 12.3456, "sharpe": 1.234, "max_drawdown_pct": 5.5, "closed_trades": 4 }""";
    private const string GammaSummary = """{ "final_equity": 9500, "total_return_pct": -5, "sharpe": -0.4, "max_drawdown_pct": 11.25, "closed_trades": 9 }""";

    private readonly FakeBacktestLab _lab = TestConfigs.Lab();

    public BacktestsPageTests()
    {
        Ctx.Services.AddSingleton<IBacktestLab>(_lab);
        _lab.Runs.Add(TestConfigs.Run(1, "Alpha", AlphaSummary));
        _lab.Runs.Add(TestConfigs.Run(2, "Beta", status: BacktestStatus.Failed, error: "No bars."));
        _lab.Runs.Add(TestConfigs.Run(3, "Gamma", GammaSummary, symbols: "QQQ"));
        foreach (var run in _lab.Runs) _lab.Details[run.Id] = new RunDetail(run, new[] { TestConfigs.Winner }, run.Summary is null ? null : TestConfigs.Chart);
    }

    private List<string[]> Rows() =>
        ByTestId("runs-grid").QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Skip(1).Select(c => c.TextContent.Trim()).ToArray()).ToList();

    private Task SelectRunAsync(int row) => ByTestId("runs-grid").QuerySelectorAll("tbody tr")[row].ClickAsync(new());

    private List<string[]> Comparison() =>
        ByTestId("compare").QuerySelectorAll("tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToArray()).ToList();

    [Fact]
    public void Lists_the_stored_runs_with_their_headline_metrics()
    {
        Render<Backtests>();

        Assert.Equal(1, _lab.ListRunsCalls);
        var rows = Rows();
        Assert.Equal(3, rows.Count);
        Assert.Equal(new[] { "1", "Alpha", "SPY", "1d", "2025-01-02 – 2025-10-31", "Completed", "11,234.56", "12.35%", "1.23", "5.50%", "Open" }, rows[0]);
        Assert.Equal(new[] { "2", "Beta", "SPY", "1d", "2025-01-02 – 2025-10-31", "Failed", "", "—", "—", "—", "Open" }, rows[1]);
        Assert.Equal("QQQ", rows[2][2]);
        Assert.False(HasTestId("compare"));
        Assert.False(HasTestId("run-results"));
        Assert.True(HasTestId("new-backtest"));
        Assert.True(HasTestId("sweep"));
    }

    [Fact]
    public void Without_runs_says_how_to_start_one()
    {
        _lab.Runs.Clear();

        Render<Backtests>();

        Assert.Contains("No runs yet: start one above.", ByTestId("runs-grid").TextContent);
    }

    [Fact]
    public async Task One_selected_run_is_not_a_comparison()
    {
        Render<Backtests>();

        await SelectRunAsync(0);

        Assert.False(HasTestId("compare"));
    }

    [Fact]
    public async Task Selecting_two_runs_compares_them_metric_by_metric()
    {
        Render<Backtests>();

        await SelectRunAsync(0);
        await SelectRunAsync(2);

        var table = Comparison();
        Assert.Equal(new[] { "", "#1 Alpha", "#3 Gamma" }, table[0]);
        Assert.Equal(RunMetrics.All.Count + 1, table.Count);
        Assert.Contains(new[] { "Final equity", "11,234.56", "9,500.00" }, table);
        Assert.Contains(new[] { "Total return", "12.35%", "-5.00%" }, table);
        Assert.Contains(new[] { "Sharpe", "1.23", "-0.40" }, table);
        Assert.Contains(new[] { "Trades", "4", "9" }, table);
        Assert.Contains(new[] { "Sortino", "—", "—" }, table);
        Assert.Empty(_lab.Opened);
    }

    [Fact]
    public async Task Unselecting_one_of_two_ends_the_comparison()
    {
        Render<Backtests>();
        await SelectRunAsync(0);
        await SelectRunAsync(1);
        Assert.True(HasTestId("compare"));

        await SelectRunAsync(1);

        Assert.False(HasTestId("compare"));
    }

    [Fact]
    public async Task Open_shows_the_runs_results()
    {
        Render<Backtests>();

        await ByTestId("open-run-3").ClickAsync(new());

        Assert.Equal(new long[] { 3 }, _lab.Opened);
        Host.WaitForAssertion(() => Assert.Equal("3", ByTestId("run-results").GetAttribute("data-run-id")));
        Assert.Contains("#3 · Gamma", ByTestId("run-results").TextContent);
        Assert.False(HasTestId("compare"));
    }

    [Fact]
    public async Task Opening_another_run_replaces_the_results()
    {
        Render<Backtests>();
        await ByTestId("open-run-3").ClickAsync(new());

        await ByTestId("open-run-1").ClickAsync(new());

        Host.WaitForAssertion(() => Assert.Equal("1", ByTestId("run-results").GetAttribute("data-run-id")));
        Assert.Equal(new long[] { 3, 1 }, _lab.Opened);
        Assert.Single(Host.FindAll("[data-testid='run-results']"));
    }

    [Fact]
    public async Task A_finished_run_reloads_the_list_keeps_the_selection_and_opens_it()
    {
        _lab.NextRunId = 4;
        Render<Backtests>();
        await SelectRunAsync(0);
        await SelectRunAsync(2);
        await ByTestId("bt-run").ClickAsync(new());
        var run = TestConfigs.Run(4, "SMA 10/30 crossover", AlphaSummary);
        _lab.Runs.Insert(0, run);
        _lab.Details[4] = new RunDetail(run, Array.Empty<StoredTrade>(), TestConfigs.Chart);

        _lab.Raise(new BacktestProgress(4, BacktestStatus.Completed, 1, null));

        Host.WaitForAssertion(() => Assert.Equal("4", ByTestId("run-results").GetAttribute("data-run-id")));
        Assert.Equal(2, _lab.ListRunsCalls);
        Assert.Equal(new long[] { 4 }, _lab.Opened);
        Assert.Equal(new[] { "4", "1", "2", "3" }, Rows().Select(r => r[0]));
        Assert.Equal(new[] { "", "#1 Alpha", "#3 Gamma" }, Comparison()[0]);
    }

    /// <summary>23 stored runs, newest first (#23 … #1), as the store pages them.</summary>
    private void StoreTwentyThreeRuns()
    {
        _lab.Runs.Clear();
        for (long id = 23; id >= 1; id--) _lab.Runs.Add(TestConfigs.Run(id, $"Run {id}", AlphaSummary));
    }

    private Task NextPageAsync() => ByTestId("runs-grid").QuerySelector("button[aria-label='Next page']")!.ClickAsync(new());

    [Fact]
    public void The_grid_asks_the_store_for_one_page_and_shows_the_total()
    {
        StoreTwentyThreeRuns();

        Render<Backtests>();

        Host.WaitForAssertion(() => Assert.Equal(10, Rows().Count));
        Assert.Equal(new[] { (0, 10) }, _lab.Pages);
        Assert.Equal(Enumerable.Range(14, 10).Reverse().Select(i => i.ToString()), Rows().Select(r => r[0]));
        Assert.Equal("23 runs stored", ByTestId("runs-total").TextContent.Trim());
        Assert.Contains("1-10 of 23", ByTestId("runs-grid").QuerySelector(".mud-table-pagination")!.TextContent);
        Assert.Empty(_lab.Opened); // no run's equity or trades until one is opened
    }

    [Fact]
    public async Task The_pager_loads_the_next_page_from_the_store()
    {
        StoreTwentyThreeRuns();
        Render<Backtests>();
        Host.WaitForAssertion(() => Assert.Equal(10, Rows().Count));

        await NextPageAsync();
        Host.WaitForAssertion(() => Assert.Equal("13", Rows()[0][0]));
        await NextPageAsync();

        Host.WaitForAssertion(() => Assert.Equal(new[] { "3", "2", "1" }, Rows().Select(r => r[0])));
        Assert.Equal(new[] { (0, 10), (10, 10), (20, 10) }, _lab.Pages);
        Assert.Contains("21-23 of 23", ByTestId("runs-grid").QuerySelector(".mud-table-pagination")!.TextContent);
        Assert.Empty(_lab.Opened);
    }

    [Fact]
    public async Task Runs_selected_on_different_pages_are_compared()
    {
        StoreTwentyThreeRuns();
        Render<Backtests>();
        Host.WaitForAssertion(() => Assert.Equal(10, Rows().Count));
        await SelectRunAsync(0);

        await NextPageAsync();
        Host.WaitForAssertion(() => Assert.Equal("13", Rows()[0][0]));
        await SelectRunAsync(2);

        Assert.Equal(new[] { "", "#23 Run 23", "#11 Run 11" }, Comparison()[0]);
    }
}
