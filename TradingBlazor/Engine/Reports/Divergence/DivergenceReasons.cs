using System.Globalization;
using TradingBlazor.Domain.Risk;
using TradingBlazor.Domain.Time;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Engine.Trading;

namespace TradingBlazor.Engine.Reports.Divergence;

/// <summary>
/// Why a trade is in one run and not the other, or differs: read from the live journal (the signal at the bar, its risk
/// outcome, the approval, the order) and from the backtest's signals, indexed once per comparison.
/// </summary>
internal sealed class DivergenceReasons
{
    private readonly DivergenceInputs _input;
    private readonly Dictionary<(string, SignalAction, DateTime), LiveSignal> _liveSignals = new();
    private readonly Dictionary<(string, SignalAction, DateTime), SignalOutcome> _backtestSignals = new();
    private readonly Dictionary<string, LiveApproval> _approvals;
    private readonly Dictionary<string, LiveOrder> _orders;

    public DivergenceReasons(DivergenceInputs input)
    {
        _input = input;
        // A bar has one signal per symbol and action; the last on record is its final word.
        foreach (var s in input.Journal.Signals) _liveSignals[(s.Symbol, s.Action, s.BarUtc)] = s;
        foreach (var s in input.BacktestSignals) _backtestSignals[(s.Signal.Symbol, s.Signal.Action, s.Signal.TimeUtc)] = s;
        _approvals = input.Journal.Approvals.GroupBy(a => a.ClientOrderId).ToDictionary(g => g.Key, g => g.Last());
        _orders = input.Journal.Orders.GroupBy(o => o.ClientOrderId).ToDictionary(g => g.Key, g => g.Last());
    }

    public Divergence MissingInLive(TradeLeg b)
    {
        var (reason, detail) = WhyNotLive(b);
        return new Divergence(DivergenceKind.MissingInLive, reason, $"The backtest bought {b.Symbol} at {Eastern(b.EntryUtc)}; live did not: {detail}");
    }

    private (DivergenceReason, string) WhyNotLive(TradeLeg b)
    {
        var bar = b.SignalUtc ?? b.EntryUtc;
        if (!_liveSignals.TryGetValue((b.Symbol, Action(b.Side), bar), out var signal))
        {
            if (_input.Journal.FirstSignalUtc is not { } first || bar < first)
                return (DivergenceReason.StartedLate, _input.Journal.FirstSignalUtc is { } f ? $"the bot's first live signal came at {Eastern(f)}." : "the bot has no live signal on record.");
            if (_input.Live.Any(l => l.Symbol == b.Symbol && l.HeldAt(bar))) return (DivergenceReason.HeldInLive, $"live still held {b.Symbol} from an earlier entry.");
            return (DivergenceReason.NotRunning, $"no live signal at the {Eastern(bar)} bar: the bot was not running.");
        }
        if (signal.ClientOrderId is { } id && _approvals.TryGetValue(id, out var approval) && approval.Status != ApprovalStatus.Approved)
            return approval.Status switch
            {
                ApprovalStatus.Rejected => (DivergenceReason.ApprovalRejected, $"the trader rejected it{Because(approval.Outcome)}."),
                ApprovalStatus.Expired => (DivergenceReason.ApprovalExpired, $"it waited for approval and expired{Because(approval.Outcome)}."),
                ApprovalStatus.Refused => (DivergenceReason.ApprovalRefused, $"approved, then refused by the checks{Because(approval.Outcome)}."),
                _ => (DivergenceReason.AwaitingApproval, "it is still waiting for approval."),
            };
        if (!signal.Executed && Code(signal.Outcome) is { } code)
            return (code switch
            {
                RiskRejectionCode.BotPaused => DivergenceReason.BotPaused,
                RiskRejectionCode.BotHalted when signal.Outcome!.Contains(KillSwitch.HaltReason, StringComparison.OrdinalIgnoreCase) => DivergenceReason.KillSwitch,
                RiskRejectionCode.BotHalted or RiskRejectionCode.MaxDrawdown or RiskRejectionCode.DailyLossLimit => DivergenceReason.RiskHalt,
                RiskRejectionCode.BelowApprovalThreshold => DivergenceReason.BelowApprovalThreshold,
                _ => DivergenceReason.RiskRefused,
            }, $"the signal was refused ({signal.Outcome}).");
        if (signal.ClientOrderId is { } orderId && _orders.TryGetValue(orderId, out var order) && order.Status is OrderStatus.Rejected or OrderStatus.Canceled or OrderStatus.Expired)
            return (DivergenceReason.BrokerRejected, $"the order was {order.Status.ToString().ToLowerInvariant()} by the broker{Because(order.RejectReason)}.");
        return (DivergenceReason.Unexplained, $"the signal is on record as '{signal.Outcome}' but no live trade came of it.");
    }

    public Divergence MissingInBacktest(TradeLeg l)
    {
        var (reason, detail) = WhyNotBacktest(l);
        return new Divergence(DivergenceKind.MissingInBacktest, reason, $"Live bought {l.Symbol} at {Eastern(l.EntryUtc)}; the backtest did not: {detail}");
    }

    private (DivergenceReason, string) WhyNotBacktest(TradeLeg l)
    {
        var bar = l.SignalUtc ?? l.EntryUtc;
        if (_backtestSignals.TryGetValue((l.Symbol, Action(l.Side), bar), out var signal) && !signal.Executed)
            return (DivergenceReason.RefusedInBacktest, signal.Rejection is { } r ? $"its signal was refused ({r.Code}: {r.Message})" : "its signal was not acted on.");
        if (_input.Backtest.Any(b => b.Symbol == l.Symbol && b.HeldAt(bar))) return (DivergenceReason.HeldInBacktest, $"the backtest still held {l.Symbol} then.");
        if (_input.Journal.ConfigRevision > 1)
            return (DivergenceReason.ConfigEdited, $"the config was edited since (revision {_input.Journal.ConfigRevision} is backtested; earlier ones are not kept).");
        return (DivergenceReason.NoBacktestSignal, $"the strategy did not signal at the {Eastern(bar)} bar on the recorded bars.");
    }

    public Divergence EntryTime(TradeLeg live, TradeLeg backtest)
    {
        var id = _liveSignals.GetValueOrDefault((live.Symbol, Action(live.Side), live.SignalUtc ?? live.EntryUtc))?.ClientOrderId;
        bool approved = id is not null && _approvals.TryGetValue(id, out var a) && a.Status == ApprovalStatus.Approved;
        return new Divergence(DivergenceKind.EntryTime, approved ? DivergenceReason.ApprovalDelay : DivergenceReason.Unexplained,
            $"Live entered at {Eastern(live.EntryUtc)}, the backtest at {Eastern(backtest.EntryUtc)}{(approved ? ": the entry waited for the trader's approval." : ".")}");
    }

    public Divergence ExitTime(TradeLeg live, TradeLeg backtest)
    {
        string When(TradeLeg t) => t.ExitUtc is { } at ? $"{Eastern(at)} ({t.ExitReason ?? "exit"})" : "still open at the end";
        var why = live.ExitReason ?? "";
        var reason = why.Contains(KillSwitch.HaltReason, StringComparison.OrdinalIgnoreCase) ? DivergenceReason.KillSwitch
            : why.StartsWith("flatten (", StringComparison.Ordinal) || why.Contains("trader", StringComparison.OrdinalIgnoreCase) ? DivergenceReason.ManualExit
            : DivergenceReason.ExitRule;
        return new Divergence(DivergenceKind.ExitTime, reason, $"Live sold at {When(live)}, the backtest at {When(backtest)}.");
    }

    private static SignalAction Action(OrderSide side) => side == OrderSide.Buy ? SignalAction.Buy : SignalAction.Sell;

    /// <summary>The risk code a stored outcome starts with ("BotPaused: ..."), if any.</summary>
    private static RiskRejectionCode? Code(string? outcome)
    {
        int colon = outcome?.IndexOf(':') ?? -1;
        return colon > 0 && Enum.TryParse<RiskRejectionCode>(outcome![..colon], out var code) ? code : null;
    }

    private static string Because(string? why) => string.IsNullOrWhiteSpace(why) ? "" : $" ({why})";

    private static string Eastern(DateTime utc) => MarketTime.ToEastern(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " ET";
}
