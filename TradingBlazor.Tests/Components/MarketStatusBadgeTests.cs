using Bunit;
using TradingBlazor.Components.Shared;
using TradingBlazor.Domain.Time;

namespace TradingBlazor.Tests.Components;

public sealed class MarketStatusBadgeTests : ComponentTestBase
{
    private void At(int year, int month, int day, int hour, int minute = 0) =>
        StartClockAt(new DateTimeOffset(MarketTime.ToUtc(new DateOnly(year, month, day), new TimeOnly(hour, minute)), TimeSpan.Zero));

    private (string Phase, string Long, string Short, string Classes) Badge()
    {
        var badge = ByTestId("market-badge");
        return (badge.GetAttribute("data-phase")!, badge.QuerySelector(".tb-badge-long")!.TextContent, badge.QuerySelector(".tb-badge-short")!.TextContent,
            badge.ClassName ?? "");
    }

    [Fact]
    public void During_the_session_it_is_open_until_the_close()
    {
        At(2025, 3, 12, 11);
        Render<MarketStatusBadge>();
        var (phase, text, shortText, classes) = Badge();
        Assert.Equal("Open", phase);
        Assert.Equal("Market open · closes 16:00 ET", text);
        Assert.Equal("Open", shortText);
        Assert.Contains("mud-chip-color-success", classes);
    }

    [Fact]
    public void It_follows_the_app_clock_as_the_session_opens()
    {
        At(2025, 3, 12, 9, 29);
        var cut = Render<MarketStatusBadge>();
        Assert.Equal("PreOpen", Badge().Phase);
        Clock.Advance(TimeSpan.FromMinutes(2)); // the badge's refresh timer runs on the same clock
        cut.WaitForAssertion(() => Assert.Equal("Open", Badge().Phase));
        Assert.Equal("Market open · closes 16:00 ET", Badge().Long);
    }

    [Fact]
    public void On_an_early_close_day_it_closes_at_one()
    {
        At(2025, 11, 28, 10);
        Render<MarketStatusBadge>();
        Assert.Equal("Market open · closes 13:00 ET", Badge().Long);
    }

    [Fact]
    public void Before_the_open_it_is_pre_market()
    {
        At(2025, 3, 12, 8);
        Render<MarketStatusBadge>();
        var (phase, text, shortText, classes) = Badge();
        Assert.Equal("PreOpen", phase);
        Assert.Equal("Pre-market · opens 09:30 ET", text);
        Assert.Equal("Pre-market", shortText);
        Assert.Contains("mud-chip-color-warning", classes);
    }

    [Fact]
    public void After_the_close_it_is_after_hours_until_the_next_open()
    {
        At(2025, 3, 14, 17);
        Render<MarketStatusBadge>();
        var (phase, text, shortText, classes) = Badge();
        Assert.Equal("AfterClose", phase);
        Assert.Equal("After hours · opens Mon 09:30 ET", text);
        Assert.Equal("After hours", shortText);
        Assert.Contains("mud-chip-color-warning", classes);
    }

    [Fact]
    public void On_a_holiday_it_is_closed_and_names_the_holiday()
    {
        At(2025, 7, 4, 12);
        Render<MarketStatusBadge>();
        var (phase, text, shortText, classes) = Badge();
        Assert.Equal("Closed", phase);
        Assert.Equal("Closed (Independence Day) · opens Mon 09:30 ET", text);
        Assert.Equal("Closed", shortText);
        Assert.Contains("mud-chip-color-error", classes);
    }

    [Fact]
    public void On_a_weekend_it_is_closed_without_a_name()
    {
        At(2025, 3, 15, 12);
        Render<MarketStatusBadge>();
        var (phase, text, shortText, _) = Badge();
        Assert.Equal("Closed", phase);
        Assert.Equal("Closed · opens Mon 09:30 ET", text);
        Assert.Equal("Closed", shortText);
    }

    [Fact]
    public async Task The_tooltip_shows_the_time_and_an_early_close()
    {
        At(2025, 11, 28, 10, 5);
        Render<MarketStatusBadge>();

        await Host.Find(".mud-tooltip-root").TriggerEventAsync("onpointerenter", new Microsoft.AspNetCore.Components.Web.PointerEventArgs());

        Host.WaitForAssertion(() => Assert.Contains("NYSE regular session. Now Fri 2025-11-28 10:05 ET · early close 13:00 today",
            Host.Find(".mud-popover-provider").TextContent));
    }

    [Fact]
    public async Task The_tooltip_of_a_regular_day_has_no_early_close()
    {
        At(2025, 3, 12, 11);
        Render<MarketStatusBadge>();

        await Host.Find(".mud-tooltip-root").TriggerEventAsync("onpointerenter", new Microsoft.AspNetCore.Components.Web.PointerEventArgs());

        Host.WaitForAssertion(() => Assert.Contains("NYSE regular session. Now Wed 2025-03-12 11:00 ET", Host.Find(".mud-popover-provider").TextContent));
        Assert.DoesNotContain("early close", Host.Find(".mud-popover-provider").TextContent);
    }

    [Fact]
    public void While_the_simulated_market_runs_it_reads_the_simulated_session_and_says_so()
    {
        At(2025, 3, 12, 8); // the app's clock: before the open
        TradingClock.Simulated = true;
        TradingClock.SimulatedUtc = MarketTime.ToUtc(new DateOnly(2025, 3, 11), new TimeOnly(14, 10)); // the simulation's afternoon
        Render<MarketStatusBadge>();
        var (phase, text, shortText, _) = Badge();
        Assert.Equal("Open", phase);
        Assert.Equal("Sim · Market open · closes 16:00 ET", text);
        Assert.Equal("Sim · Open", shortText);
        Assert.Equal("true", ByTestId("market-badge").GetAttribute("data-simulated"));
    }
}
