using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Components.Bots;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Services;
using TradingBlazor.Tests.Components.Fakes;

namespace TradingBlazor.Tests.Components;

public sealed class ApprovalQueueTests : ComponentTestBase
{
    private static readonly DateTime Expires = new(2026, 11, 23, 15, 5, 0, DateTimeKind.Utc);
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
        foreach (var part in new[] { "Demo · RSI pullback (hybrid)", "Buy", "MSFT", "at 541.25", "conf 0.75", "$3,000.00", "below the auto threshold 0.80", "15:05" })
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
}
