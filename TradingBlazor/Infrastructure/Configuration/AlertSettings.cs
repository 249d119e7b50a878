using TradingBlazor.Engine.Alerts;

namespace TradingBlazor.Infrastructure.Configuration;

/// <summary>Alerts: how many are kept, which ones toast, and how the webhook delivers them.</summary>
public sealed class AlertSettings : ISettings
{
    public static string Section => "Alerts";

    /// <summary>Alerts kept in memory for the bell and <c>GET /api/alerts</c>.</summary>
    public int History { get; set; } = 500;

    /// <summary>The least severity that toasts for a fill, and for every other alert.</summary>
    public AlertSeverity ToastFills { get; set; } = AlertSeverity.Info;
    public AlertSeverity ToastOthers { get; set; } = AlertSeverity.Warning;

    /// <summary>How often the broker's stream states are checked for a disconnect.</summary>
    public double StreamPollSeconds { get; set; } = 2;

    /// <summary>Retries after a failed delivery (5xx, 408, 429, timeout, no connection), before giving up.</summary>
    public int WebhookRetries { get; set; } = 3;
    /// <summary>Delay before the first retry; doubled before each next one (0.5 s, 1 s, 2 s).</summary>
    public double WebhookRetrySeconds { get; set; } = 0.5;
    public double WebhookTimeoutSeconds { get; set; } = 5;
    /// <summary>Alerts waiting for the webhook; when full, the oldest is dropped.</summary>
    public int WebhookQueue { get; set; } = 1000;

    public IEnumerable<string> Validate()
    {
        if (History is < 1 or > 100_000) yield return "Alerts:History must be between 1 and 100000.";
        if (StreamPollSeconds <= 0) yield return "Alerts:StreamPollSeconds must be positive.";
        if (WebhookRetries is < 0 or > 10) yield return "Alerts:WebhookRetries must be between 0 and 10.";
        if (WebhookRetrySeconds < 0) yield return "Alerts:WebhookRetrySeconds must not be negative.";
        if (WebhookTimeoutSeconds <= 0) yield return "Alerts:WebhookTimeoutSeconds must be positive.";
        if (WebhookQueue < 1) yield return "Alerts:WebhookQueue must be at least 1.";
    }
}
