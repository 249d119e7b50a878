using System.Globalization;
using TradingBlazor.Domain.Execution;
using TradingBlazor.Domain.Risk;
using TradingBlazor.Engine.Backtesting;

namespace TradingBlazor.Components.Backtests;

/// <summary>A run's activity in words: what became of its signals and why, and how its trades closed.</summary>
public static class ActivityText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Reason(RiskRejectionCode code) => code switch
    {
        RiskRejectionCode.MaxOpenPositions => "max positions",
        RiskRejectionCode.InsufficientCash => "cash",
        RiskRejectionCode.OutsideTradingWindow => "outside the trading window",
        RiskRejectionCode.AlreadyInPosition => "already in a position",
        RiskRejectionCode.NoPosition => "no position",
        RiskRejectionCode.ExposureLimit => "exposure limit",
        RiskRejectionCode.DailyLossLimit => "daily loss limit",
        RiskRejectionCode.MaxDrawdown => "max drawdown",
        RiskRejectionCode.IndicatorNotReady => "indicators warming up",
        RiskRejectionCode.BotHalted => "bot halted",
        RiskRejectionCode.BotPaused => "bot paused",
        RiskRejectionCode.PatternDayTrader => "pattern day trader rule",
        RiskRejectionCode.PriceDrift => "price drift",
        RiskRejectionCode.ApprovalExpired => "approval expired",
        RiskRejectionCode.BelowApprovalThreshold => "below the approval threshold",
        _ => code.ToString(),
    };

    public static string Kind(ExitKind kind) => kind switch
    {
        ExitKind.Rule => "Rule exit",
        ExitKind.StopLoss => "Stop-loss",
        ExitKind.TakeProfit => "Take-profit",
        ExitKind.TrailingStop => "Trailing stop",
        ExitKind.FlatBeforeClose => "Flat before close",
        ExitKind.EndOfData => "End of data",
        _ => "Other",
    };

    /// <summary>"12 entry signals, 0 executed: 12 refused — max positions (8), cash (4)".</summary>
    public static string Signals(SignalTally tally, string side)
    {
        var text = $"{Count(tally.Generated)} {side} signal{(tally.Generated == 1 ? "" : "s")}, {Count(tally.Executed)} executed";
        if (tally.AwaitingApproval > 0) text += $", {Count(tally.AwaitingApproval)} awaiting approval";
        if (tally.Refused > 0)
            text += $": {Count(tally.Refused)} refused — " + string.Join(", ", tally.Refusals.Select(r => $"{Reason(r.Code)} ({Count(r.Count)})"));
        return text;
    }

    /// <summary>Why there was no entry signal: the conditions that never held, or that never held together.</summary>
    public static string NoEntries(EntryProbe? probe)
    {
        const string none = "0 entry signals: ";
        if (probe is null || probe.Bars == 0) return none + "the entry rule never held in this range.";
        var never = probe.Conditions.Where(c => c.BarsTrue == 0).Select(c => c.Condition).ToList();
        if (probe.BarsRuleHeld > 0)
            return none + $"the entry rule held on {Count(probe.BarsRuleHeld)} of {Count(probe.Bars)} bars, none of them a bar the bot checks (check_every).";
        if (never.Count > 0)
            return none + string.Join(", ", never.Select(c => $"“{c}”")) + $" never held in this range ({Count(probe.Bars)} bars).";
        return none + $"its conditions never held together in {Count(probe.Bars)} bars — " +
               string.Join(", ", probe.Conditions.Select(c => $"“{c.Condition}” on {Count(c.BarsTrue)}")) + ".";
    }

    private static string Count(int n) => n.ToString("N0", Invariant);
}
