using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Components.Pages;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Trading;
using TradingBlazor.Services;
using TradingBlazor.Tests.Components.Fakes;

namespace TradingBlazor.Tests.Components;

public sealed class ApprovalsPageTests : ComponentTestBase
{
    private static readonly DateTime Asked = new(2025, 3, 12, 14, 40, 0, DateTimeKind.Utc); // 10:40 New York
    private readonly FakeApprovalsService _approvals = new();

    public ApprovalsPageTests() => Ctx.Services.AddSingleton<IApprovalsService>(_approvals);

    private static ApprovalAudit Audit(long id, ApprovalStatus status, string? by = null, string? note = null, string? outcome = null) =>
        new(id, 3, "Pullback", "SPY", SignalAction.Buy, 500m, 0.75, "confidence 0.75 is below the auto threshold 0.80", status, Asked, Asked.AddMinutes(5),
            by is null ? null : Asked.AddMinutes(1), by, note, outcome);

    [Fact]
    public void Shows_the_queue_and_every_decision_with_who_when_and_the_note()
    {
        _approvals.History.AddRange(new[]
        {
            Audit(3, ApprovalStatus.Rejected, "trader", "too late in the day", "rejected"),
            Audit(2, ApprovalStatus.Approved, "desk-key", null, "sent"),
            Audit(1, ApprovalStatus.Expired, "engine", null, "expired at 2025-03-12 14:45:00Z"),
        });
        Render<Approvals>();

        Assert.True(HasTestId("approvals-card"));
        var rejected = ByTestId("history-3").TextContent;
        foreach (var part in new[] { "Mar 12 10:40:00", "Pullback", "Buy SPY", "at 500.00 · conf 0.75", "Rejected", "trader", "Mar 12 10:41:00", "too late in the day" })
            Assert.Contains(part, rejected);
        Assert.Equal("desk-key", ByTestId("history-2-by").TextContent);
        Assert.Equal("engine", ByTestId("history-1-by").TextContent);
        Assert.EndsWith("bots/3", ByTestId("history-2").QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void The_filter_keeps_one_status_and_a_decision_elsewhere_appears_live()
    {
        _approvals.History.AddRange(new[] { Audit(2, ApprovalStatus.Approved, "trader"), Audit(1, ApprovalStatus.Rejected, "trader") });
        var cut = Render<Approvals>();

        var chip = cut.FindAll("[data-testid=history-filter] .mud-chip").Single(c => c.TextContent.Trim() == "Rejected");
        chip.Click();
        Assert.False(HasTestId("history-2"));
        Assert.True(HasTestId("history-1"));

        cut.FindAll("[data-testid=history-filter] .mud-chip").Single(c => c.TextContent.Trim() == "Pending").Click();
        Assert.Contains("No approvals pending yet", ByTestId("history-empty").TextContent);
        _approvals.History.Insert(0, Audit(4, ApprovalStatus.Pending));
        _approvals.RaiseChanged();
        cut.WaitForAssertion(() => Assert.Equal("Pending", ByTestId("history-4-status").TextContent.Trim()));
    }
}
