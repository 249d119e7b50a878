using TradingBlazor.Domain.Risk;
using TradingBlazor.Domain.Strategies;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Reports.Divergence;
using TradingBlazor.Engine.Trading;
using static TradingBlazor.Tests.Reports.DivergenceSamples;

namespace TradingBlazor.Tests.Reports;

/// <summary>Matching live and backtest trades by symbol, side and entry within a bar, and the reason given for each difference.</summary>
public class DivergenceMatcherTests
{
    private static readonly DateTime T = new(2025, 3, 4, 15, 0, 0, DateTimeKind.Utc);
    private static readonly LiveJournal NoJournal = new([], [], [], T.AddDays(-1), 1);

    private static (IReadOnlyList<TradeMatch> Trades, DivergenceSummary Summary) Match(
        IReadOnlyList<TradeLeg> live, IReadOnlyList<TradeLeg> backtest, LiveJournal? journal = null, IReadOnlyList<SignalOutcome>? signals = null) =>
        DivergenceMatcher.Match(new DivergenceInputs(live, backtest, journal ?? NoJournal, signals ?? [], Bar));

    [Fact]
    public void The_worked_week_finds_one_agreement_one_fill_price_and_one_rejected_approval()
    {
        var (trades, summary) = Match(Live, Backtest, Journal);

        Assert.Equal(3, trades.Count);
        Assert.True(trades[0].Agrees);
        var spy = Assert.Single(trades[1].Differences);
        Assert.Equal((DivergenceKind.EntryPrice, DivergenceReason.FillPrice), (spy.Kind, spy.Reason));
        Assert.Contains("500.25 live against 500.00 in the backtest (+5.0 bps)", spy.Detail);
        var friday = Assert.Single(trades[2].Differences);
        Assert.Equal((DivergenceKind.MissingInLive, DivergenceReason.ApprovalRejected), (friday.Kind, friday.Reason));
        Assert.Null(trades[2].Live);
        Assert.Equal((2, 1, 1, 0, 1), (summary.Matched, summary.Agreeing, summary.MissingInLive, summary.MissingInBacktest, summary.PriceDifferences));
        Assert.Equal((200m - 101.25m, 200m - 100m + 50m), (summary.LivePnl, summary.BacktestPnl));
    }

    [Fact]
    public void An_entry_seconds_later_is_the_same_entry_and_the_nearest_is_taken()
    {
        var live = new[] { Leg("SPY", T.AddSeconds(4), 500m, 5m, T.AddHours(1), 505m), Leg("SPY", T.AddMinutes(14), 500m, 5m, T.AddHours(1), 505m) };
        var backtest = new[] { Leg("SPY", T.AddMinutes(13), 500m, 5m, T.AddHours(1), 505m) };

        var (trades, summary) = Match(live, backtest);

        Assert.Equal(T.AddMinutes(14), trades.Single(t => t.Backtest is not null).Live!.EntryUtc);
        Assert.Equal(DivergenceReason.NoBacktestSignal, Assert.Single(trades.Single(t => t.Backtest is null).Differences).Reason);
        Assert.Equal((1, 1), (summary.Matched, summary.Agreeing));
    }

    [Fact]
    public void An_approved_entry_bars_later_pairs_by_its_signal_and_waited_for_approval()
    {
        var backtest = Leg("SPY", T, 500m, 5m, T.AddHours(2), 505m);
        var live = backtest with { EntryUtc = T.AddMinutes(45), EntryPrice = 501m };
        var journal = NoJournal with
        {
            Signals = [new LiveSignal("SPY", backtest.SignalUtc!.Value, SignalAction.Buy, true, "approved by trader: sent", "tb1-spy")],
            Approvals = [new LiveApproval("tb1-spy", ApprovalStatus.Approved, "sent")],
        };

        var match = Assert.Single(Match([live], [backtest], journal).Trades);

        Assert.Equal(new[] { (DivergenceKind.EntryTime, DivergenceReason.ApprovalDelay), (DivergenceKind.EntryPrice, DivergenceReason.FillPrice) },
            match.Differences.Select(d => (d.Kind, d.Reason)));
    }

    [Fact]
    public void Quantity_and_exit_timing_say_sizing_and_who_sold()
    {
        var backtest = new[] { Leg("SPY", T, 500m, 5m, T.AddHours(2), 505m), Leg("QQQ", T, 400m, 2m, T.AddHours(2), 410m) };
        var live = new[] { Leg("SPY", T, 500m, 4m, T.AddHours(2), 505m), Leg("QQQ", T, 400m, 2m, T.AddMinutes(30), 402m, "flatten (stop)") };

        var (trades, summary) = Match(live, backtest);

        var spy = Assert.Single(trades.Single(t => t.Symbol == "SPY").Differences);
        Assert.Equal((DivergenceKind.Quantity, DivergenceReason.Sizing), (spy.Kind, spy.Reason));
        var qqq = Assert.Single(trades.Single(t => t.Symbol == "QQQ").Differences);
        Assert.Equal((DivergenceKind.ExitTime, DivergenceReason.ManualExit), (qqq.Kind, qqq.Reason));
        Assert.Contains("flatten (stop)", qqq.Detail);
        Assert.Equal((1, 1), (summary.QuantityDifferences, summary.TimingDifferences));
    }

    [Fact]
    public void A_live_trade_the_backtest_refused_and_live_missing_for_each_journal_reason()
    {
        var bought = Leg("SPY", T, 500m, 5m, T.AddHours(2), 505m);
        var refused = new SignalOutcome(new Signal("SPY", bought.SignalUtc!.Value, SignalAction.Buy, 1, "entry.rule", new Dictionary<string, double>()), false,
            new RiskRejection(RiskRejectionCode.InsufficientCash, "Not enough cash."));
        Assert.Equal(DivergenceReason.RefusedInBacktest, Assert.Single(Assert.Single(Match([bought], [], signals: [refused]).Trades).Differences).Reason);

        DivergenceReason WhyMissing(string? outcome, bool executed = false, OrderStatus? order = null, DateTime? first = null) =>
            Assert.Single(Assert.Single(Match([], [bought], NoJournal with
            {
                Signals = outcome is null ? [] : [new LiveSignal("SPY", bought.SignalUtc!.Value, SignalAction.Buy, executed, outcome, "tb1-x")],
                Orders = order is { } status ? [new LiveOrder("tb1-x", status, "insufficient buying power")] : [],
                FirstSignalUtc = first ?? NoJournal.FirstSignalUtc,
            }).Trades).Differences).Reason;

        Assert.Equal(DivergenceReason.RiskHalt, WhyMissing("MaxDrawdown: Drawdown 21% reached the 20% limit."));
        Assert.Equal(DivergenceReason.RiskRefused, WhyMissing("InsufficientCash: Not enough cash."));
        Assert.Equal(DivergenceReason.BelowApprovalThreshold, WhyMissing("BelowApprovalThreshold: confidence 0.4 is below 0.6"));
        Assert.Equal(DivergenceReason.BrokerRejected, WhyMissing("executed", executed: true, order: OrderStatus.Rejected));
        Assert.Equal(DivergenceReason.StartedLate, WhyMissing(null, first: T.AddDays(1)));
        Assert.Equal(DivergenceReason.NotRunning, WhyMissing(null));
        Assert.Equal("approval_rejected", DivergenceText.Code(DivergenceReason.ApprovalRejected));
    }
}
