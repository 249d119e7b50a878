using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Components.Reports;
using TradingBlazor.Engine.Reports;
using TradingBlazor.Services;
using TradingBlazor.Tests.Components.Fakes;

namespace TradingBlazor.Tests.Components;

public sealed class DivergenceSectionTests : ComponentTestBase
{
    private static readonly DateOnly Monday = new(2025, 3, 3);
    private readonly FakeReportDivergence _divergence = new();

    public DivergenceSectionTests() => Ctx.Services.AddSingleton<IReportDivergence>(_divergence);

    private void RenderFor(ReportScope scope) =>
        Render<DivergenceSection>(p => p.Add(x => x.Scope, scope).Add(x => x.From, Monday).Add(x => x.To, Monday.AddDays(4)));

    private Dictionary<string, string> Counts() =>
        Host.FindAll("[data-testid='divergence-summary'] [data-count]").ToDictionary(e => e.GetAttribute("data-count")!, e => e.TextContent.Trim());

    private List<string[]> Rows(string testId) => ByTestId(testId).QuerySelectorAll("tbody tr")
        .Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).Where(r => r.Length > 1).ToList();

    [Fact]
    public void A_bot_shows_its_counts_figures_side_by_side_and_each_difference_with_its_reason()
    {
        RenderFor(ReportScope.Bot(1));
        Host.WaitForAssertion(() => Assert.True(HasTestId("divergence-summary")));

        Assert.Equal((ReportScope.Bot(1), Monday, Monday.AddDays(4)), Assert.Single(_divergence.Requests));
        var counts = Counts();
        Assert.Equal(("2", "1", "1", "0", "1"), (counts["matched"], counts["agreeing"], counts["missing_in_live"], counts["missing_in_backtest"], counts["price"]));
        Assert.Equal("-51.25", counts["pnl_gap"]);
        Assert.False(HasTestId("divergence-zero"));
        Assert.Equal(new[] { "approval_rejected", "fill_price" },
            Host.FindAll("[data-testid='divergence-reasons'] [data-reason]").Select(e => e.GetAttribute("data-reason")));

        var netPnl = Host.Find("[data-testid='divergence-figures'] tr[data-figure='net_pnl']").QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray();
        Assert.Equal(new[] { "Net P&L", "98.75", "150.00", "-51.25" }, netPnl);
        Assert.Equal(16, Rows("divergence-figures").Count);

        // Differences only, by default: the SPY price and the Friday AAPL the trader rejected.
        var trades = Rows("divergence-trades");
        Assert.Equal(2, trades.Count);
        Assert.Equal("2025-03-0510:00 SPY", trades[0][0]);
        // Where and why comes first (it stays on a phone's screen); then what each run did.
        Assert.Contains("Entry price", trades[0][1]);
        Assert.Contains("Fill vs fill model", trades[0][1]);
        Assert.Equal("—", trades[1][2]);
        Assert.Contains("Missing in live", trades[1][1]);
        Assert.Contains("Rejected at approval", trades[1][1]);
        Assert.Contains("the trader rejected it", trades[1][1]);
    }

    [Fact]
    public void Switching_differences_off_lists_every_trade_with_the_agreeing_one()
    {
        RenderFor(ReportScope.Bot(1));
        Host.WaitForAssertion(() => Assert.True(HasTestId("divergence-trades")));

        // MudSwitch puts the test id on its checkbox.
        var toggle = ByTestId("divergence-only");
        (toggle.TagName == "INPUT" ? toggle : toggle.QuerySelector("input")!).Change(false);

        Host.WaitForAssertion(() => Assert.Equal(3, Rows("divergence-trades").Count));
        var first = Rows("divergence-trades")[0];
        Assert.Equal("10 @ 100.00→ 120.00 200.00", first[2]);
        Assert.Equal(first[2], first[3]);
        Assert.Contains("Agrees", first[1]);
    }

    [Fact]
    public void The_portfolio_lists_each_bots_summary_and_the_bots_that_could_not_be_backtested()
    {
        RenderFor(ReportScope.Portfolio);
        Host.WaitForAssertion(() => Assert.True(HasTestId("divergence-bots")));

        var row = Assert.Single(Rows("divergence-bots"));
        Assert.Equal(new[] { "A", "2", "1", "1", "0", "1", "0", "0", "98.75", "150.00" }, row);
        Assert.Contains("B could not be backtested: No recorded 1m bars of QQQ", ByTestId("divergence-failure").TextContent);
        Assert.False(HasTestId("divergence-trades"));
    }

    [Fact]
    public void A_new_period_loads_again_and_the_same_one_does_not()
    {
        RenderFor(ReportScope.Bot(1));
        Host.WaitForAssertion(() => Assert.True(HasTestId("divergence-summary")));
        var section = Host.FindComponent<DivergenceSection>();

        section.Render(p => p.Add(x => x.Scope, ReportScope.Bot(1)).Add(x => x.From, Monday).Add(x => x.To, Monday.AddDays(4)));
        section.Render(p => p.Add(x => x.From, Monday.AddDays(1)));

        Host.WaitForAssertion(() => Assert.Equal(2, _divergence.Requests.Count));
        Assert.Equal(Monday.AddDays(1), _divergence.Requests[1].From);
    }
}
