namespace TradingBlazor.Domain.Risk;

/// <summary>Per-bot trading state the risk engine tracks: session baseline, equity peak, halts.</summary>
public sealed class RiskState
{
    public DateOnly? Session { get; private set; }
    public decimal SessionStartEquity { get; private set; }
    public decimal PeakEquity { get; private set; }
    /// <summary>Set by the max-drawdown limit or the kill switch: reduce-only until reset by the trader.</summary>
    public string? Halted { get; set; }
    /// <summary>Set by the daily loss limit: no new entries until the next session.</summary>
    public DateOnly? EntriesHaltedFor { get; private set; }

    /// <summary>Called at every equity mark.</summary>
    public void Mark(DateOnly session, decimal equity)
    {
        if (Session != session)
        {
            Session = session;
            SessionStartEquity = equity;
        }
        if (equity > PeakEquity) PeakEquity = equity;
    }

    public void HaltEntriesForSession() => EntriesHaltedFor = Session;

    public bool EntriesHaltedToday => EntriesHaltedFor is { } d && d == Session;

    /// <summary>Puts back a stored daily-loss halt after a restart (the session baseline restarts, so the loss would not be seen again).</summary>
    public void RestoreEntriesHalt(DateOnly? session) => EntriesHaltedFor = session;
}
