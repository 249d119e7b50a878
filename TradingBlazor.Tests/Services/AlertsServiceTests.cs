using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor;
using TradingBlazor.Data;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Alerts;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Engine.Events;
using TradingBlazor.Infrastructure.Configuration;
using TradingBlazor.Services;

namespace TradingBlazor.Tests.Services;

public sealed class AlertsServiceTests : IDisposable
{
    private readonly TradingEventBus _bus = new(TimeProvider.System, NullLogger<TradingEventBus>.Instance);
    private readonly AlertCenter _center;
    private readonly AlertWebhook _webhook;
    private readonly List<IDisposable> _owned = new();

    public AlertsServiceTests()
    {
        _center = new AlertCenter(_bus, TimeProvider.System, Options.Create(new AlertSettings()), NullLogger<AlertCenter>.Instance);
        _webhook = new AlertWebhook(_center, new NoStore(), Options.Create(new AlertSettings()), TimeProvider.System, NullLogger<AlertWebhook>.Instance);
    }

    private AlertsService Service(AlertSettings? settings = null, IApprovalService? approvals = null)
    {
        var services = new ServiceCollection();
        if (approvals is not null) services.AddSingleton(approvals);
        var provider = services.BuildServiceProvider();
        var service = new AlertsService(_center, _webhook, _bus, Options.Create(settings ?? new AlertSettings()), provider);
        _owned.Add(service);
        _owned.Add(provider);
        return service;
    }

    public void Dispose()
    {
        foreach (var d in _owned) d.Dispose();
        _webhook.Dispose();
        _center.Dispose();
    }

    private static AlertItem Item(Severity severity, bool fill) => new(1, DateTime.UtcNow, severity, "x", null, null, "t", "m", fill);

    [Fact]
    public void Toasts_start_at_info_for_fills_and_warning_otherwise_and_follow_the_settings()
    {
        var service = Service();
        Assert.True(service.Toasts(Item(Severity.Info, fill: true)));
        Assert.False(service.Toasts(Item(Severity.Info, fill: false)));
        Assert.False(service.Toasts(Item(Severity.Success, fill: false)));
        Assert.True(service.Toasts(Item(Severity.Warning, fill: false)));

        var quiet = Service(new AlertSettings { ToastFills = AlertSeverity.Error, ToastOthers = AlertSeverity.Error });
        Assert.False(quiet.Toasts(Item(Severity.Success, fill: true)));
        Assert.False(quiet.Toasts(Item(Severity.Warning, fill: false)));
        Assert.True(quiet.Toasts(Item(Severity.Error, fill: false)));
    }

    [Fact]
    public async Task Alerts_read_as_ui_items_and_raise_through_the_service()
    {
        var service = Service();
        var raised = new List<AlertItem>();
        service.Raised += raised.Add;

        await _center.HandleAsync(new TradingEvent(3, DateTime.UtcNow, TradingEventKind.Fill, 1,
            new FillUpdate("c", "x", "SPY", OrderSide.Sell, 1m, 10m, 0m, DateTime.UtcNow, "", 5m)));

        var item = Assert.Single(service.Recent(10));
        Assert.Equal((Severity.Success, "Fill", true, "Sold 1 SPY"), (item.Severity, item.Kind, item.IsFill, item.Title));
        Assert.Equal(item, Assert.Single(raised));
        Assert.Equal(1, service.Unread);
        service.MarkAllRead();
        Assert.Equal(0, service.Unread);
    }

    [Fact]
    public async Task Without_an_approval_queue_there_is_no_count()
    {
        Assert.Null(await Service().PendingApprovalsAsync());
    }

    [Fact]
    public async Task With_one_the_count_comes_from_it_and_changes_on_approval_events()
    {
        var service = Service(approvals: new CountingApprovals(3));
        int changes = 0;
        service.ApprovalsChanged += () => changes++;

        Assert.Equal(3, await service.PendingApprovalsAsync());
        _bus.Publish(TradingEventKind.ApprovalRequested, 1, new RiskHaltUpdate("payload unused"));
        _bus.Publish(TradingEventKind.ApprovalResolved, 1, new RiskHaltUpdate("payload unused"));
        _bus.Publish(TradingEventKind.Fill, 1, new RiskHaltUpdate("not an approval"));
        Assert.Equal(2, changes);
    }

    [Fact]
    public void The_webhook_field_is_checked_like_the_api()
    {
        var service = Service();
        Assert.Null(service.CheckWebhookUrl(""));
        Assert.Null(service.CheckWebhookUrl("https://example.com/h?token=1"));
        Assert.NotNull(service.CheckWebhookUrl("example.com"));
        Assert.Null(service.WebhookUrl);
    }

    private sealed class NoStore : IDbContextFactory<TradingDbContext>
    {
        public TradingDbContext CreateDbContext() => throw new InvalidOperationException("no store in this test");
    }

    private sealed class CountingApprovals(int pending) : IApprovalService
    {
        public Task<int> PendingCountAsync(CancellationToken ct = default) => Task.FromResult(pending);
        public Task<IReadOnlyList<ApprovalView>> ListAsync(ApprovalFilter filter, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<ApprovalView?> GetAsync(long id, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<ApprovalResult> ApproveAsync(long id, string by, string? note, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<ApprovalResult> RejectAsync(long id, string by, string? note, CancellationToken ct = default) => throw new NotSupportedException();
    }
}
