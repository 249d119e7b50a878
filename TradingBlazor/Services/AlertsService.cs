using Microsoft.Extensions.Options;
using MudBlazor;
using TradingBlazor.Engine.Alerts;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Engine.Events;
using TradingBlazor.Infrastructure.Configuration;

namespace TradingBlazor.Services;

/// <summary>An alert as the bell and the toasts show it.</summary>
public sealed record AlertItem(long Id, DateTime TimeUtc, Severity Severity, string Kind, long? BotId, string? BotName, string Title, string Message, bool IsFill);

/// <summary>The bell, the toasts, the approvals badge and the webhook field.</summary>
public interface IAlertsService
{
    /// <summary>A new alert (raised off the renderer's thread: marshal with InvokeAsync).</summary>
    event Action<AlertItem>? Raised;

    /// <summary>The unread count changed without a new alert.</summary>
    event Action? ReadChanged;

    /// <summary>An approval was requested or decided: the pending count may have changed.</summary>
    event Action? ApprovalsChanged;

    int Unread { get; }

    IReadOnlyList<AlertItem> Recent(int n);

    void MarkAllRead();

    /// <summary>Whether the alert pops up as a toast (fills and the rest each have their least severity).</summary>
    bool Toasts(AlertItem alert);

    /// <summary>Signals waiting for the trader, or null when the app has no approval queue.</summary>
    Task<int?> PendingApprovalsAsync(CancellationToken ct = default);

    string? WebhookUrl { get; }

    /// <summary>Why the address would be refused, or null (empty is fine: off).</summary>
    string? CheckWebhookUrl(string? url);

    /// <summary>Saves the webhook address (empty: off); returns why it is refused, or null.</summary>
    Task<string?> SetWebhookUrlAsync(string? url, CancellationToken ct = default);
}

public sealed class AlertsService : IAlertsService, IDisposable
{
    private readonly AlertCenter _center;
    private readonly AlertWebhook _webhook;
    private readonly TradingEventBus _bus;
    private readonly AlertSettings _settings;
    private readonly IServiceProvider _services;

    public AlertsService(AlertCenter center, AlertWebhook webhook, TradingEventBus bus, IOptions<AlertSettings> settings, IServiceProvider services)
    {
        (_center, _webhook, _bus, _settings, _services) = (center, webhook, bus, settings.Value, services);
        _center.Raised += OnRaised;
        _center.ReadChanged += OnReadChanged;
        _bus.Published += OnPublished;
    }

    public event Action<AlertItem>? Raised;
    public event Action? ReadChanged;
    public event Action? ApprovalsChanged;

    public int Unread => _center.Unread;

    public IReadOnlyList<AlertItem> Recent(int n) => _center.Recent(n).Select(ToItem).ToList();

    public void MarkAllRead() => _center.MarkAllRead();

    public bool Toasts(AlertItem alert) => alert.Severity >= ToMud(alert.IsFill ? _settings.ToastFills : _settings.ToastOthers);

    public async Task<int?> PendingApprovalsAsync(CancellationToken ct = default) =>
        _services.GetService<IApprovalService>() is { } approvals ? await approvals.PendingCountAsync(ct) : null;

    public string? WebhookUrl => _webhook.Url?.ToString();

    public string? CheckWebhookUrl(string? url) => Engine.Alerts.WebhookUrl.Validate(url, out _);

    public Task<string?> SetWebhookUrlAsync(string? url, CancellationToken ct = default) => _webhook.SetUrlAsync(url, ct);

    public static AlertItem ToItem(Alert a) =>
        new(a.Id, a.TimeUtc, ToMud(a.Severity), a.Kind.ToString(), a.BotId, a.BotName, a.Title, a.Message, a.Kind == AlertKind.Fill);

    private static Severity ToMud(AlertSeverity s) => s switch
    {
        AlertSeverity.Success => Severity.Success,
        AlertSeverity.Warning => Severity.Warning,
        AlertSeverity.Error => Severity.Error,
        _ => Severity.Info,
    };

    private void OnRaised(Alert a) => Raised?.Invoke(ToItem(a));

    private void OnReadChanged() => ReadChanged?.Invoke();

    private void OnPublished(TradingEvent e)
    {
        if (e.Kind is TradingEventKind.ApprovalRequested or TradingEventKind.ApprovalResolved) ApprovalsChanged?.Invoke();
    }

    public void Dispose()
    {
        _center.Raised -= OnRaised;
        _center.ReadChanged -= OnReadChanged;
        _bus.Published -= OnPublished;
    }
}
