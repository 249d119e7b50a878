namespace TradingBlazor.Engine.Alerts;

/// <summary>How loud an alert is; the order matters (toasts show from a minimum up).</summary>
public enum AlertSeverity
{
    Info,
    Success,
    Warning,
    Error,
}

public enum AlertKind
{
    Fill,
    OrderRejected,
    SignalRefused,
    RiskHalt,
    KillSwitch,
    ApprovalWaiting,
    BotError,
    BrokerDisconnected,
    BrokerReconnected,
}

/// <summary>
/// Something the trader should hear about. <see cref="Id"/> counts from 1 since start; <see cref="Sequence"/> is the engine
/// event it came from (null for broker stream alerts, which are not engine events).
/// </summary>
public sealed record Alert(
    long Id, DateTime TimeUtc, AlertSeverity Severity, AlertKind Kind, long? BotId, string? BotName, string Title, string Message, long? Sequence);

/// <summary>An alert before it has an id and a bot name.</summary>
public sealed record AlertDraft(AlertSeverity Severity, AlertKind Kind, string Title, string Message);
