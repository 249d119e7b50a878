using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Components.Bots;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Services;
using TradingBlazor.Tests.Components.Fakes;

namespace TradingBlazor.Tests.Components;

public sealed class ApprovalQueueTests : ComponentTestBase
{
    private static readonly DateTime Expires = RegularSessionMorning.UtcDateTime.AddMinutes(5);
    private readonly FakeApprovalsService _approvals = new();

    public ApprovalQueueTests() => Ctx.Services.AddSingleton<IApprovalsService>(_approvals);

    private static ApprovalCard Card(long id, string symbol = "MSFT") => new(id, "Demo · RSI pullback (hybrid)", symbol, SignalAction.Buy, null, 3000m, 541.25m, 0.75,
        "confidence 0.75 is below the auto threshold 0.80", new Dictionary<string, double?> { ["rsi_7"] = 36.2, ["close"] = 541.25 }, Expires);

    [Fact]
    public void Shows_each_waiting_signal_with_its_proposal_and_why()
    {
        _approvals.Items.Add(Card(7));
        Render<ApprovalQueue>();
        var row = ByTestId("approval-queue").QuerySelector("tbody tr")!.TextContent;
        foreach (var part in new[] { "Demo · RSI pullback (hybrid)", "Buy", "MSFT", "at 541.25", "conf 0.75", "$3,000.00", "below the auto threshold 0.80", "5:00" })
            Assert.Contains(part, row);
    }

    [Fact]
    public void Approve_sends_the_decision_and_the_item_leaves_the_queue()
    {
        _approvals.Items.AddRange(new[] { Card(7), Card(8, "NVDA") });
        var cut = Render<ApprovalQueue>();
        cut.Find("[data-testid=approval-7-approve]").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=approval-7-approve]")));
        Assert.Equal(new[] { (7L, true) }, _approvals.Decisions);
        cut.Find("[data-testid=approval-8-reject]").Click();
        Assert.Equal((8L, false), _approvals.Decisions[^1]);
    }

    [Fact]
    public void A_refused_approval_keeps_nothing_hidden_and_a_new_item_appears_live()
    {
        _approvals.Items.Add(Card(7));
        _approvals.Problem = "Not executed: PriceDrift: the price moved 1.50%";
        var cut = Render<ApprovalQueue>();
        cut.Find("[data-testid=approval-7-approve]").Click();
        Assert.Single(_approvals.Decisions);

        _approvals.Items.Add(Card(9, "AAPL"));
        _approvals.RaiseChanged();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=approval-9-approve]")));
    }

    [Fact]
    public void On_the_dashboard_it_shows_only_while_something_waits()
    {
        var cut = Render<ApprovalQueue>(p => p.Add(x => x.HideWhenEmpty, true));
        Assert.Empty(cut.FindAll("[data-testid=approvals-card]"));
        _approvals.Items.Add(Card(7));
        _approvals.RaiseChanged();
        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid=approvals-count]").TextContent.Trim()));
    }

    [Fact]
    public void Each_item_counts_down_to_its_expiry_on_the_trading_clock()
    {
        _approvals.Items.Add(Card(7));
        var cut = Render<ApprovalQueue>();
        Assert.Equal("5:00", cut.Find("[data-testid=approval-7-expires]").TextContent.Trim());
        Assert.DoesNotContain("tb-soon", cut.Find("[data-testid=approval-7-expires]").ClassList);

        Clock.Advance(TimeSpan.FromSeconds(250)); // the countdown's one-second timer runs on the app's clock
        cut.WaitForAssertion(() => Assert.Equal("0:50", cut.Find("[data-testid=approval-7-expires]").TextContent.Trim()));
        Assert.Contains("tb-soon", cut.Find("[data-testid=approval-7-expires]").ClassList);
        Clock.Advance(TimeSpan.FromSeconds(60));
        cut.WaitForAssertion(() => Assert.Equal("expired", cut.Find("[data-testid=approval-7-expires]").TextContent.Trim()));
        Assert.Empty(_approvals.Decisions);
    }

    [Fact]
    public void On_the_simulated_market_the_countdown_is_in_simulated_time_and_says_so()
    {
        TradingClock.Simulated = true;
        TradingClock.SimulatedUtc = Expires.AddHours(-26).AddSeconds(-5);
        _approvals.Items.Add(Card(7));
        var cut = Render<ApprovalQueue>();
        Assert.Equal("26:00:05", cut.Find("[data-testid=approval-7-expires]").TextContent.Trim());
        Assert.Contains("Expires in (sim)", cut.Find("thead").TextContent);
    }

    [Theory]
    [InlineData(0, "expired")]
    [InlineData(59, "0:59")]
    [InlineData(3_600, "1:00:00")]
    [InlineData(90_061, "25:01:01")]
    public void The_countdown_reads_minutes_and_seconds_then_hours(int seconds, string text) =>
        Assert.Equal(text, ApprovalQueue.Countdown(TimeSpan.FromSeconds(seconds)));
}
