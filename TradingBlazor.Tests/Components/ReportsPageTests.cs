using Bunit;
using Microsoft.Extensions.DependencyInjection;
using ReportsPage = TradingBlazor.Components.Pages.Reports;
using TradingBlazor.Engine.Reports;
using TradingBlazor.Services;
using TradingBlazor.Tests.Components.Fakes;
using TradingBlazor.Tests.Reports;

namespace TradingBlazor.Tests.Components;

public sealed class ReportsPageTests : ComponentTestBase
{
    private readonly FakeReportsService _reports = new();

    public ReportsPageTests()
    {
        _reports.Trades.AddRange(ReportCalculatorTests.Week);
        Ctx.Services.AddSingleton<IReportsService>(_reports);
        Ctx.Services.AddSingleton<IReportDivergence>(new FakeReportDivergence());
    }

    private Dictionary<string, string> Figures() =>
        Host.FindAll("[data-testid='report-figures'] [data-figure]").ToDictionary(e => e.GetAttribute("data-figure")!, e => e.TextContent.Trim());

    private string Href(string testId) => ByTestId(testId).GetAttribute("href") ?? "";

    private List<string[]> Rows(string testId) =>
        ByTestId(testId).QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();

    [Fact]
    public async Task Shows_the_portfolio_over_the_default_period_with_the_services_figures_and_download_links()
    {
        Render<ReportsPage>();
        Host.WaitForAssertion(() => Assert.True(HasTestId("report")));

        Assert.Equal((ReportScope.Portfolio, new DateOnly(2025, 3, 3), new DateOnly(2025, 3, 7)), Assert.Single(_reports.Requests));
        var expected = (await _reports.BuildAsync(ReportScope.Portfolio, new DateOnly(2025, 3, 3), new DateOnly(2025, 3, 7)))!;
        Assert.Equal(ReportFigures.Of(expected).ToDictionary(f => f.Key, f => f.Display), Figures());
        Assert.Equal("150.00", Figures()["net_pnl"]);
        Assert.Equal("66.67%", Figures()["win_rate_pct"]);
        Assert.Equal("api/reports/portfolio.csv?from=2025-03-03&to=2025-03-07", Href("download-csv"));
        Assert.Equal("api/reports/portfolio.pdf?from=2025-03-03&to=2025-03-07", Href("download-pdf"));
        Assert.Equal(new[] { "AAPL", "SPY" }, Rows("by-symbol").Select(r => r[0]));
        Assert.Equal(new[] { "AAPL", "2", "100.00%", "250.00", "1.50", "∞" }, Rows("by-symbol")[0]);
        Assert.Equal(new[] { "A", "B" }, Rows("by-bot").Select(r => r[0]));
    }

    [Fact]
    public async Task Picking_a_bot_reloads_its_report_and_drops_the_per_bot_breakdown()
    {
        Render<ReportsPage>();
        Host.WaitForAssertion(() => Assert.True(HasTestId("report")));

        await SelectAsync("Scope", ReportScope.Bot(2));

        Host.WaitForAssertion(() => Assert.Equal("B", ByTestId("report-title").TextContent));
        Assert.Equal(ReportScope.Bot(2), _reports.Requests[^1].Scope);
        Assert.Equal("50.00", Figures()["net_pnl"]);
        Assert.False(HasTestId("by-bot"));
        Assert.Equal("api/reports/2.pdf?from=2025-03-03&to=2025-03-07", Href("download-pdf"));
        Assert.Single(Rows("report-trades"));
    }

    [Fact]
    public async Task A_period_ending_before_it_starts_is_an_inline_error_and_asks_for_nothing()
    {
        Render<ReportsPage>();
        Host.WaitForAssertion(() => Assert.True(HasTestId("report")));

        await Host.InvokeAsync(() => Host.Find("[data-testid='report-to'] input, input[data-testid='report-to']").Change("2025-03-01"));

        Host.WaitForAssertion(() => Assert.Contains("Must not be before From.", Host.Markup));
        Assert.Single(_reports.Requests);
        // Still the last good period's links.
        Assert.Equal("api/reports/portfolio.csv?from=2025-03-03&to=2025-03-07", Href("download-csv"));

        await Host.InvokeAsync(() => Host.Find("[data-testid='report-from'] input, input[data-testid='report-from']").Change("2025-03-04"));
        await Host.InvokeAsync(() => Host.Find("[data-testid='report-to'] input, input[data-testid='report-to']").Change("2025-03-05"));
        Host.WaitForAssertion(() => Assert.Equal((new DateOnly(2025, 3, 4), new DateOnly(2025, 3, 5)), (_reports.Requests[^1].From, _reports.Requests[^1].To)));
        Assert.DoesNotContain("Must not be before From.", Host.Markup);
        Assert.Equal("100.00", Figures()["net_pnl"]);
    }

    [Fact]
    public void Returns_show_by_month_week_or_day_and_the_calendar_has_a_cell_per_session()
    {
        Render<ReportsPage>();
        Host.WaitForAssertion(() => Assert.True(HasTestId("report")));

        Assert.Equal(new[] { new[] { "2025-03", "150.00", "1.50%", "3" } }, Rows("returns-table"));
        Host.FindAll("[data-testid='returns-period'] .mud-toggle-item").Single(b => b.TextContent.Trim() == "Day").Click();
        Host.WaitForAssertion(() => Assert.Equal(5, Rows("returns-table").Count));
        Assert.Equal(new[] { "2025-03-04", "200.00", "2.00%", "1" }, Rows("returns-table")[1]);

        var cells = Host.FindAll("[data-testid='returns-heatmap'] .tb-cal-cell[data-date]");
        Assert.Equal(new[] { "2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06", "2025-03-07" }, cells.Select(c => c.GetAttribute("data-date")));
        Assert.Contains("2.00%", cells[1].GetAttribute("title"));
        Assert.Contains("color-mix", cells[1].GetAttribute("style"));
    }

    [Fact]
    public void A_round_trip_closing_today_updates_the_report_without_a_reload()
    {
        Render<ReportsPage>();
        Host.WaitForAssertion(() => Assert.Equal("150.00", Figures()["net_pnl"]));

        _reports.CloseTrade(new ReportTrade(10, 1, "A", "MSFT", 1, 400, new DateTime(2025, 3, 7, 15, 0, 0, DateTimeKind.Utc), 425, new DateTime(2025, 3, 7, 16, 0, 0, DateTimeKind.Utc), 25, 0, "signal"));

        Host.WaitForAssertion(() => Assert.Equal("175.00", Figures()["net_pnl"]));
        Assert.Equal(2, _reports.Requests.Count);
    }

    [Fact]
    public async Task A_bot_that_is_gone_says_so()
    {
        Render<ReportsPage>();
        Host.WaitForAssertion(() => Assert.True(HasTestId("report")));

        await SelectAsync("Scope", ReportScope.Bot(3));

        Host.WaitForAssertion(() => Assert.True(HasTestId("report-missing")));
        Assert.False(HasTestId("report"));
    }
}
