using System.Globalization;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Domain.Risk;

public enum RiskCheckState
{
    Passed,
    Failed,
    /// <summary>An earlier check refused the signal, so this one never ran.</summary>
    NotReached,
}

/// <summary>One of the risk engine's checks as a decision's journal shows it: what it checks, its limit, and how it went.</summary>
public sealed record RiskCheckResult(RiskRejectionCode Code, string Check, string Limit, RiskCheckState State);

/// <summary>
/// The risk engine's checks in the order it runs them (<see cref="RiskEngine.Evaluate"/>): a refusal names the one that
/// failed, so the journal of any stored decision can say which passed, which failed and which were never reached.
/// </summary>
public static class RiskChecks
{
    /// <summary>The checks of a signal's decision: all passed when <paramref name="failed"/> is null.</summary>
    public static IReadOnlyList<RiskCheckResult> For(SignalAction action, RiskSettings risk, TradingWindow? window, RiskRejectionCode? failed)
    {
        var checks = action == SignalAction.Sell
            ? new List<(RiskRejectionCode, string, string)> { (RiskRejectionCode.NoPosition, "A position to sell", "exits are always allowed") }
            : Entry(risk, window);
        // A refusal from outside the engine's sequence (paused, pattern-day-trader, drift...) comes first.
        if (failed is { } code && checks.All(c => c.Item1 != code)) checks.Insert(0, (code, Describe(code), "checked before the risk engine"));
        var state = RiskCheckState.Passed;
        var results = new List<RiskCheckResult>(checks.Count);
        foreach (var (check, name, limit) in checks)
        {
            var mine = check == failed ? RiskCheckState.Failed : state;
            results.Add(new RiskCheckResult(check, name, limit, mine));
            if (mine == RiskCheckState.Failed) state = RiskCheckState.NotReached;
        }
        return results;
    }

    /// <summary>The rejection code at the start of a stored outcome ("InsufficientCash: ..."), or null.</summary>
    public static RiskRejectionCode? CodeOf(string? outcome)
    {
        if (outcome is null) return null;
        int colon = outcome.IndexOf(':');
        var head = colon > 0 ? outcome[..colon] : outcome;
        // A decided approval's outcome reads "refused by trader: PriceDrift: ...".
        if (Enum.TryParse<RiskRejectionCode>(head, out var code)) return code;
        return colon > 0 && colon + 1 < outcome.Length ? CodeOf(outcome[(colon + 1)..].TrimStart()) : null;
    }

    private static List<(RiskRejectionCode, string, string)> Entry(RiskSettings r, TradingWindow? window) => new()
    {
        (RiskRejectionCode.OutsideTradingWindow, "Inside the trading window", window is null ? "any time" : $"{window.Start}–{window.End} ET"),
        (RiskRejectionCode.BotHalted, "Bot not halted", "reduce-only halts block entries"),
        (RiskRejectionCode.DailyLossLimit, "Daily loss limit", r.MaxDailyLoss is { } d ? $"{Pct(d)} of the session's starting equity" : "none"),
        (RiskRejectionCode.MaxDrawdown, "Drawdown limit", r.MaxDrawdown is { } m ? $"{Pct(m)} from the equity peak" : "none"),
        (RiskRejectionCode.AlreadyInPosition, "Not already holding the symbol", "one position per symbol"),
        (RiskRejectionCode.MaxOpenPositions, "Open positions", $"at most {r.MaxOpenPositions}"),
        (RiskRejectionCode.ExposureLimit, "Exposure", $"at most {Pct(r.MaxExposure)} of equity; a position at most {Pct(r.MaxPositionSize)}"),
        (RiskRejectionCode.InsufficientCash, "Cash (no leverage)", $"notional and fees within the cash; {(r.FractionalShares ? "fractional" : "whole")} shares"),
    };

    private static string Describe(RiskRejectionCode code) => code switch
    {
        RiskRejectionCode.BotPaused => "Bot not paused",
        RiskRejectionCode.PatternDayTrader => "Pattern-day-trader rule",
        RiskRejectionCode.PriceDrift => "Price drift since the signal",
        RiskRejectionCode.BelowApprovalThreshold => "Confidence above the approval threshold",
        RiskRejectionCode.ApprovalExpired => "Approved before expiry",
        RiskRejectionCode.IndicatorNotReady => "Indicators warmed up",
        _ => code.ToString(),
    };

    private static string Pct(decimal fraction) => string.Create(CultureInfo.InvariantCulture, $"{fraction * 100:0.##}%");
}
