using TradingBlazor.Domain.Risk;
using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Engine.Preview;

/// <summary>What a previewed signal would have become live.</summary>
public enum PreviewOutcome
{
    /// <summary>Passed risk and the execution gate: sent at once.</summary>
    Executed,
    /// <summary>Passed risk but waits for the trader (manual mode, or a hybrid signal below the auto threshold).</summary>
    AwaitsApproval,
    /// <summary>Passed risk but a hybrid signal below the approval threshold: stored, not acted on.</summary>
    BelowThreshold,
    /// <summary>Refused by the risk engine (or the bot's state), with a reason.</summary>
    Refused,
}

/// <summary>One signal of a preview: when, what, how confident, and what became of it.</summary>
public sealed record PreviewSignal(string Symbol, DateTime TimeUtc, SignalAction Action, double Confidence, PreviewOutcome Outcome,
    RiskRejectionCode? Code, string? Reason);

public sealed record RefusalCount(RiskRejectionCode Code, int Count);

/// <summary>
/// A config run over the last days of its symbols' data before it is saved. Signals that passed risk were acted on in
/// hindsight (as in a backtest) so the run goes on; <see cref="PreviewOutcome"/> says which would have waited live.
/// </summary>
public sealed record BotPreview(DateTime FromUtc, DateTime ToUtc, string Source, int Bars, IReadOnlyList<PreviewSignal> Signals,
    int Trades, decimal InitialCapital, decimal FinalEquity)
{
    public int Count(PreviewOutcome outcome) => Signals.Count(s => s.Outcome == outcome);

    /// <summary>Refusals by reason code, the most frequent first.</summary>
    public IReadOnlyList<RefusalCount> RefusalsByCode => Signals.Where(s => s.Outcome == PreviewOutcome.Refused && s.Code is not null).GroupBy(s => s.Code!.Value)
        .Select(g => new RefusalCount(g.Key, g.Count())).OrderByDescending(c => c.Count).ThenBy(c => c.Code).ToList();
}
