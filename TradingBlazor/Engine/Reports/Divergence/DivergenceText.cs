using System.Text.Json;

namespace TradingBlazor.Engine.Reports.Divergence;

/// <summary>How the screen, the CSV and the PDF name divergences: a short label for people, a snake_case code for files.</summary>
public static class DivergenceText
{
    public static string Label(DivergenceKind kind) => kind switch
    {
        DivergenceKind.MissingInLive => "Missing in live",
        DivergenceKind.MissingInBacktest => "Missing in backtest",
        DivergenceKind.EntryTime => "Entry time",
        DivergenceKind.EntryPrice => "Entry price",
        DivergenceKind.Quantity => "Quantity",
        DivergenceKind.ExitTime => "Exit timing",
        _ => "Exit price",
    };

    public static string Label(DivergenceReason reason) => reason switch
    {
        DivergenceReason.ApprovalRejected => "Rejected at approval",
        DivergenceReason.ApprovalExpired => "Approval expired",
        DivergenceReason.ApprovalRefused => "Refused at approval",
        DivergenceReason.AwaitingApproval => "Awaiting approval",
        DivergenceReason.BelowApprovalThreshold => "Below the confidence threshold",
        DivergenceReason.KillSwitch => "Kill switch",
        DivergenceReason.RiskHalt => "Risk halt",
        DivergenceReason.RiskRefused => "Refused by risk (live book)",
        DivergenceReason.BrokerRejected => "Broker rejected",
        DivergenceReason.BotPaused => "Bot paused",
        DivergenceReason.StartedLate => "Started late",
        DivergenceReason.NotRunning => "Bot not running",
        DivergenceReason.HeldInLive => "Live still held",
        DivergenceReason.RefusedInBacktest => "Refused in backtest",
        DivergenceReason.HeldInBacktest => "Backtest still held",
        DivergenceReason.ConfigEdited => "Config edited since",
        DivergenceReason.NoBacktestSignal => "No signal on recorded bars",
        DivergenceReason.FillPrice => "Fill vs fill model",
        DivergenceReason.Sizing => "Cash / sizing",
        DivergenceReason.ApprovalDelay => "Waited for approval",
        DivergenceReason.ExitRule => "Another exit fired",
        DivergenceReason.ManualExit => "Sold by the trader",
        _ => "Unexplained",
    };

    /// <summary>ApprovalRejected → approval_rejected.</summary>
    public static string Code<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
