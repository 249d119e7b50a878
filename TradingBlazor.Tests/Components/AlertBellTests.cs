using Bunit;
using MudBlazor;
using TradingBlazor.Components.Layout;
using TradingBlazor.Tests.Components.Fakes;
using static TradingBlazor.Tests.Components.Fakes.FakeAlertsService;

namespace TradingBlazor.Tests.Components;

public sealed class AlertBellTests : ComponentTestBase
{
    private string? Badge() => Host.FindAll("[data-testid='alert-count'] .mud-badge").SingleOrDefault()?.TextContent.Trim();

    private async Task OpenAsync() => await ByTestId("alert-bell-button").ClickAsync(new());

    private List<(string Title, string Message, string Meta, bool Unread)> Items() =>
        Host.FindAll("[data-testid='alert-item']").Select(i => (i.QuerySelector(".tb-alert-title")!.TextContent, i.QuerySelector(".tb-alert-message")!.TextContent,
            i.QuerySelector(".tb-alert-meta")!.TextContent, i.ClassList.Contains("tb-alert-unread"))).ToList();

    private List<string> Toasts() => Host.FindAll("[data-testid='alert-toast']").Select(t => t.TextContent).ToList();

    [Fact]
    public void The_badge_counts_the_unread_alerts_and_hides_at_zero()
    {
        Alerts.Seed(Item(1, Severity.Error, "Trading halted", "Daily loss limit reached."));
        Alerts.Seed(Item(2, Severity.Info, "Bought 10 SPY", "Bought 10 SPY at 512.30", fill: true));
        Render<AlertBell>();

        Assert.Equal("2", Badge());
        Assert.Equal("Alerts, 2 unread", ByTestId("alert-bell-button").GetAttribute("aria-label"));
        Assert.False(HasTestId("alert-item")); // closed
    }

    [Fact]
    public void No_alerts_no_badge()
    {
        Render<AlertBell>();
        Assert.Null(Badge());
        Assert.Equal("Alerts", ByTestId("alert-bell-button").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task Opening_lists_the_recent_alerts_newest_first_with_time_and_bot()
    {
        Alerts.Seed(Item(1, Severity.Error, "Trading halted", "Daily loss limit reached.", bot: "Momentum"));
        Alerts.Seed(Item(2, Severity.Info, "Bought 10 SPY", "Bought 10 SPY at 512.30", fill: true));
        Render<AlertBell>();

        await OpenAsync();

        Assert.Equal(new[]
        {
            ("Bought 10 SPY", "Bought 10 SPY at 512.30", "03-12 11:00:02 ET", true),
            ("Trading halted", "Daily loss limit reached.", "03-12 11:00:01 ET · Momentum", true),
        }, Items());
        Assert.Contains("tb-alert-error", Host.FindAll("[data-testid='alert-item']")[1].ClassName);
    }

    [Fact]
    public async Task An_empty_list_says_so()
    {
        Render<AlertBell>();
        await OpenAsync();
        Assert.Equal("No alerts yet.", ByTestId("alert-empty").TextContent);
        Assert.True(ByTestId("alert-mark-read").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Mark_all_read_clears_the_badge_and_the_highlight()
    {
        for (int i = 1; i <= 3; i++) Alerts.Seed(Item(i, Severity.Warning, $"Signal refused {i}", "Not enough cash."));
        Render<AlertBell>();
        await OpenAsync();

        await ByTestId("alert-mark-read").ClickAsync(new());

        Assert.Equal(1, Alerts.MarkReadCalls);
        Assert.Null(Badge());
        Assert.Equal(3, Items().Count);
        Assert.DoesNotContain(Items(), i => i.Unread);
        Assert.True(ByTestId("alert-mark-read").HasAttribute("disabled"));

        Alerts.Raise(Item(4, Severity.Error, "Trading halted", "Max drawdown."));
        Host.WaitForAssertion(() => Assert.Equal("1", Badge()));
        Assert.Equal(new[] { true, false, false, false }, Items().Select(i => i.Unread));
    }

    [Fact]
    public void Only_read_alerts_beyond_the_unread_ones_start_plain()
    {
        Alerts.Seed(Item(1, Severity.Warning, "Old", "read"));
        Alerts.MarkAllRead();
        Alerts.Seed(Item(2, Severity.Warning, "New", "unread"));
        Render<AlertBell>();
        ByTestId("alert-bell-button").Click();

        Assert.Equal(new[] { ("New", true), ("Old", false) }, Items().Select(i => (i.Title, i.Unread)));
        Assert.Equal("1", Badge());
    }

    [Fact]
    public void A_new_alert_counts_and_toasts_fills_from_info_and_the_rest_from_warning()
    {
        Render<AlertBell>();

        Alerts.Raise(Item(1, Severity.Info, "Bought 10 SPY", "Bought 10 SPY at 512.30", fill: true));
        Alerts.Raise(Item(2, Severity.Info, "Kill switch re-armed", "Re-armed by trader."));
        Alerts.Raise(Item(3, Severity.Warning, "Approval waiting: Buy MSFT", "Buy MSFT at 410.25"));

        Host.WaitForAssertion(() => Assert.Equal("3", Badge()));
        Host.WaitForAssertion(() => Assert.Equal(new[] { "Bought 10 SPYBought 10 SPY at 512.30", "Approval waiting: Buy MSFTBuy MSFT at 410.25" }, Toasts()));
    }

    [Fact]
    public async Task Marking_read_elsewhere_updates_the_badge_and_leaving_unsubscribes()
    {
        Alerts.Seed(Item(1, Severity.Error, "Trading halted", "x"));
        Render<AlertBell>();
        Assert.Equal("1", Badge());

        Alerts.MarkAllRead();
        Host.WaitForAssertion(() => Assert.Null(Badge()));

        Assert.True(Alerts.HasSubscribers);
        await Ctx.DisposeComponentsAsync();
        Assert.False(Alerts.HasSubscribers);
    }
}
