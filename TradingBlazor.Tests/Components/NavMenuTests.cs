using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Components.Layout;

namespace TradingBlazor.Tests.Components;

public sealed class NavMenuTests : ComponentTestBase
{
    private Dictionary<string, (string Href, bool Active)> Links() =>
        Host.FindAll("[data-testid='nav'] a").ToDictionary(a => a.TextContent.Trim(), a => (a.GetAttribute("href")!, a.ClassList.Contains("active")));

    [Fact]
    public void Lists_every_section_with_its_address()
    {
        Render<NavMenu>();

        var links = Links();
        Assert.Equal(new[] { "Dashboard", "Markets", "Bots", "Positions", "Approvals", "Backtests", "Models", "Trades", "Reports", "Settings" }, links.Keys);
        Assert.Equal(new[] { "", "markets", "bots", "positions", "approvals", "backtests", "models", "trades", "reports", "settings" }, links.Values.Select(l => l.Href));
        Assert.Equal(NavMenu.Items.Select(i => i.Text), links.Keys);
    }

    [Fact]
    public void At_the_root_only_the_dashboard_is_active()
    {
        Render<NavMenu>();
        var links = Links();
        Assert.True(links["Dashboard"].Active);
        Assert.Single(links.Values, l => l.Active);
    }

    [Fact]
    public void A_sub_page_activates_its_section_and_not_the_dashboard()
    {
        Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("markets/import");

        Render<NavMenu>();

        var links = Links();
        Assert.True(links["Markets"].Active);
        Assert.False(links["Dashboard"].Active);
        Assert.Single(links.Values, l => l.Active);
    }

    [Fact]
    public void Navigating_moves_the_highlight()
    {
        Render<NavMenu>();

        Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("settings");

        Host.WaitForAssertion(() =>
        {
            var links = Links();
            Assert.True(links["Settings"].Active);
            Assert.False(links["Dashboard"].Active);
        });
    }

    [Fact]
    public void Without_an_approval_queue_or_with_nothing_waiting_there_is_no_count()
    {
        Render<NavMenu>();
        Assert.False(HasTestId("nav-approvals"));

        Alerts.ChangeApprovals(0);
        Host.WaitForAssertion(() => Assert.False(HasTestId("nav-approvals")));
    }

    [Fact]
    public void Waiting_approvals_show_beside_approvals_and_follow_the_queue()
    {
        Alerts.PendingApprovals = 2;
        Render<NavMenu>();

        var count = ByTestId("nav-approvals");
        Assert.Equal("2", count.TextContent.Trim());
        Assert.Equal("Approvals", count.Closest("a")!.TextContent.Replace("2", "").Trim());
        Assert.EndsWith("approvals", count.Closest("a")!.GetAttribute("href"));

        Alerts.ChangeApprovals(5);
        Host.WaitForAssertion(() => Assert.Equal("5", ByTestId("nav-approvals").TextContent.Trim()));
        Alerts.ChangeApprovals(null);
        Host.WaitForAssertion(() => Assert.False(HasTestId("nav-approvals")));
    }
}
