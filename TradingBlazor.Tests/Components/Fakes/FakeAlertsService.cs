using MudBlazor;
using TradingBlazor.Services;

namespace TradingBlazor.Tests.Components.Fakes;

/// <summary>Holds alerts and a read mark, raises new ones on demand, and keeps the webhook address as the real one validates it.</summary>
public sealed class FakeAlertsService : IAlertsService
{
    private readonly List<AlertItem> _alerts = new();
    private long _readThrough;

    public event Action<AlertItem>? Raised;
    public event Action? ReadChanged;
    public event Action? ApprovalsChanged;

    /// <summary>Null: no approval queue in the app.</summary>
    public int? PendingApprovals { get; set; }
    public List<string?> WebhookSaves { get; } = new();
    public int MarkReadCalls { get; private set; }
    public bool HasSubscribers => Raised is not null || ReadChanged is not null;

    public static AlertItem Item(long id, Severity severity, string title, string message, bool fill = false, string? bot = null) =>
        new(id, new DateTime(2025, 3, 12, 15, 0, 0, DateTimeKind.Utc).AddSeconds(id), severity, fill ? "Fill" : "RiskHalt", bot is null ? null : 1, bot, title, message, fill);

    /// <summary>Adds an alert quietly (before rendering).</summary>
    public void Seed(AlertItem alert) => _alerts.Add(alert);

    /// <summary>Adds an alert and tells the subscribers, as the alert center would.</summary>
    public void Raise(AlertItem alert)
    {
        _alerts.Add(alert);
        Raised?.Invoke(alert);
    }

    public void ChangeApprovals(int? count)
    {
        PendingApprovals = count;
        ApprovalsChanged?.Invoke();
    }

    public int Unread => _alerts.Count(a => a.Id > _readThrough);

    public IReadOnlyList<AlertItem> Recent(int n) => _alerts.OrderByDescending(a => a.Id).Take(n).ToList();

    public void MarkAllRead()
    {
        MarkReadCalls++;
        _readThrough = _alerts.Count == 0 ? 0 : _alerts.Max(a => a.Id);
        ReadChanged?.Invoke();
    }

    public bool Toasts(AlertItem alert) => alert.Severity >= (alert.IsFill ? Severity.Info : Severity.Warning);

    public Task<int?> PendingApprovalsAsync(CancellationToken ct = default) => Task.FromResult(PendingApprovals);

    public string? WebhookUrl { get; private set; }

    public string? CheckWebhookUrl(string? url) => Engine.Alerts.WebhookUrl.Validate(url, out _);

    public Task<string?> SetWebhookUrlAsync(string? url, CancellationToken ct = default)
    {
        WebhookSaves.Add(url);
        if (Engine.Alerts.WebhookUrl.Validate(url, out var parsed) is { } error) return Task.FromResult<string?>(error);
        WebhookUrl = parsed?.ToString();
        return Task.FromResult<string?>(null);
    }
}
