using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Trading;

namespace TradingBlazor.Engine.Reports.Divergence;

/// <summary>Where a live trade and its backtest twin part.</summary>
public enum DivergenceKind
{
    /// <summary>The backtest traded; live did not.</summary>
    MissingInLive,
    /// <summary>Live traded; the backtest did not.</summary>
    MissingInBacktest,
    EntryTime,
    EntryPrice,
    Quantity,
    ExitTime,
    ExitPrice,
}

/// <summary>Why they part, as the live journal (signal, risk checks, approval, order, fills) or the backtest's signals tell it.</summary>
public enum DivergenceReason
{
    // Live did not take the backtest's trade.
    ApprovalRejected,
    ApprovalExpired,
    /// <summary>Approved, then refused by the checks at approval time (price drift, window, cash).</summary>
    ApprovalRefused,
    AwaitingApproval,
    /// <summary>A hybrid bot ignored the signal: its confidence was below the threshold.</summary>
    BelowApprovalThreshold,
    KillSwitch,
    /// <summary>Reduce-only: max drawdown, the daily loss limit or a per-bot halt.</summary>
    RiskHalt,
    /// <summary>The live book refused it (cash, exposure, open positions...): it had drifted from the backtest's.</summary>
    RiskRefused,
    BrokerRejected,
    BotPaused,
    /// <summary>The bar came before the bot's first live signal.</summary>
    StartedLate,
    /// <summary>No live signal at the bar: the bot was stopped then.</summary>
    NotRunning,
    /// <summary>Live still held the symbol from an earlier trade.</summary>
    HeldInLive,

    // The backtest did not take live's trade.
    RefusedInBacktest,
    HeldInBacktest,
    /// <summary>The config was edited after live traded; the store keeps only the latest revision, which the backtest runs.</summary>
    ConfigEdited,
    /// <summary>The strategy did not signal on the recorded bars: live decided on bars that differ from them.</summary>
    NoBacktestSignal,

    // Both traded, differently.
    /// <summary>The real fill against the backtest's fill model (slippage, timing).</summary>
    FillPrice,
    /// <summary>The order was sized on a different cash balance or share rule.</summary>
    Sizing,
    /// <summary>The entry waited for the trader's approval.</summary>
    ApprovalDelay,
    /// <summary>Another exit fired first (a stop, a target, the signal, flattening).</summary>
    ExitRule,
    /// <summary>The trader sold (close position, stop with flatten).</summary>
    ManualExit,
    Unexplained,
}

/// <summary>One side's round trip (open ones have no exit yet), with the bar its entry signal closed.</summary>
public sealed record TradeLeg(
    string Symbol, OrderSide Side, DateTime EntryUtc, decimal EntryPrice, decimal Quantity, DateTime? ExitUtc, decimal? ExitPrice,
    decimal? Pnl, string? ExitReason, DateTime? SignalUtc, decimal Fees = 0m)
{
    public bool IsOpen => ExitUtc is null;

    public bool HeldAt(DateTime utc) => EntryUtc <= utc && (ExitUtc is not { } exit || utc < exit);
}

/// <summary>One way the two runs differ on a trade, and why.</summary>
public sealed record Divergence(DivergenceKind Kind, DivergenceReason Reason, string Detail);

/// <summary>A live trade and its backtest twin (either may be missing), with what differs between them.</summary>
public sealed record TradeMatch(TradeLeg? Live, TradeLeg? Backtest, IReadOnlyList<Divergence> Differences)
{
    private TradeLeg Any => Live ?? Backtest!;
    public string Symbol => Any.Symbol;
    public OrderSide Side => Any.Side;
    public DateTime EntryUtc => (Backtest ?? Live)!.EntryUtc;
    public bool Agrees => Differences.Count == 0;
    /// <summary>Live's P&amp;L less the backtest's (a missing side counts zero).</summary>
    public decimal PnlGap => (Live?.Pnl ?? 0m) - (Backtest?.Pnl ?? 0m);
}

// What the live journal recorded, as the divergence reads it.
public sealed record LiveSignal(string Symbol, DateTime BarUtc, SignalAction Action, bool Executed, string? Outcome, string? ClientOrderId);

public sealed record LiveApproval(string ClientOrderId, ApprovalStatus Status, string? Outcome);

public sealed record LiveOrder(string ClientOrderId, OrderStatus Status, string? RejectReason);

/// <summary>
/// The live journal around a period: every signal with its outcome, the approvals and the entry orders; the first signal the
/// bot ever recorded (when it started); and the revision of the config the backtest runs.
/// </summary>
public sealed record LiveJournal(
    IReadOnlyList<LiveSignal> Signals, IReadOnlyList<LiveApproval> Approvals, IReadOnlyList<LiveOrder> Orders, DateTime? FirstSignalUtc, int ConfigRevision);

/// <summary>What the matcher compares: both runs' trades, both journals and the bar size (entries within a bar are the same entry).</summary>
public sealed record DivergenceInputs(
    IReadOnlyList<TradeLeg> Live, IReadOnlyList<TradeLeg> Backtest, LiveJournal Journal, IReadOnlyList<SignalOutcome> BacktestSignals, TimeSpan Bar);

/// <summary>How many trades agree, how many differ and why (one count per reason found).</summary>
public sealed record DivergenceSummary(
    int Matched, int Agreeing, int MissingInLive, int MissingInBacktest, int PriceDifferences, int QuantityDifferences, int TimingDifferences,
    decimal LivePnl, decimal BacktestPnl, IReadOnlyDictionary<DivergenceReason, int> Reasons)
{
    public int Divergent => Matched - Agreeing + MissingInLive + MissingInBacktest;
    public bool Zero => Divergent == 0;
}

/// <summary>One headline figure, live and backtest.</summary>
public sealed record FigurePair(ReportFigure Live, ReportFigure Backtest)
{
    /// <summary>Live less backtest, written as the figure is (a percentage's gap in points); null when either side is infinite.</summary>
    public ReportFigure? Gap => double.IsFinite(Live.Value) && double.IsFinite(Backtest.Value)
        ? Live with { Value = Live.Value - Backtest.Value, Money = Live.Money - Backtest.Money }
        : null;
}

/// <summary>
/// A bot's backtest beside its live result over a period: the headline figures side by side and every trade matched, with
/// each difference explained. The backtest runs the bot's stored config on the bars live traded, from the live equity at the start.
/// </summary>
public sealed record BotDivergence(
    long BotId, string BotName, DateOnly From, DateOnly To, int ConfigRevision, string Bars, PerformanceReport BacktestReport,
    IReadOnlyList<FigurePair> Figures, IReadOnlyList<TradeMatch> Trades, DivergenceSummary Summary);

/// <summary>The divergence of a report's scope: one bot's in full, or every bot's (the portfolio); bots that could not be backtested say why.</summary>
public sealed record DivergenceReport(ReportScope Scope, DateOnly From, DateOnly To, IReadOnlyList<BotDivergence> Bots, IReadOnlyList<DivergenceFailure> Failures);

public sealed record DivergenceFailure(long BotId, string BotName, string Reason);
