using TradingBlazor.Domain.Calendar;
using TradingBlazor.Engine.Backtesting;
using TradingBlazor.Engine.Reports;

namespace TradingBlazor.Tests.Reports;

/// <summary>The report's figures on a week worked out by hand: 10,000 of capital, three round trips, five sessions.</summary>
public class ReportCalculatorTests
{
    private static readonly DateOnly Monday = new(2025, 3, 3);

    private static DateTime Utc(int day, int hour, int minute = 0) => new(2025, 3, day, hour, minute, 0, DateTimeKind.Utc);

    // Monday: flat. Tuesday: AAPL +200. Wednesday: SPY -100. Thursday: nothing held. Friday: AAPL +50 (bot B).
    public static readonly ReportTrade[] Week =
    {
        new(1, 1, "A", "AAPL", 10, 100, Utc(3, 15), 120, Utc(4, 15), 200, 1, "signal"),
        new(2, 1, "A", "SPY", 5, 500, Utc(5, 15), 480, Utc(5, 18), -100, 1, "stop"),
        new(3, 2, "B", "AAPL", 5, 110, Utc(7, 14, 40), 120, Utc(7, 15), 50, 0.5m, "target"),
    };

    public static ReportInputs Inputs(IReadOnlyList<ReportTrade> trades, decimal pnlBefore = 0) => new(
        ReportScope.Portfolio, "Portfolio", Monday, Monday.AddDays(4), 10_000m, pnlBefore, trades,
        trades.Select(t => new HoldingSpan(t.EntryUtc, t.ExitUtc)).ToList(),
        new NyseCalendar().SessionsBetween(Monday, Monday.AddDays(4)).Select(s => s.Date).ToList());

    [Fact]
    public void The_headline_figures_are_the_ones_worked_out_by_hand()
    {
        var r = ReportCalculator.Compute(Inputs(Week));

        Assert.Equal(10_000m, r.StartEquity);
        Assert.Equal(10_150m, r.FinalEquity);
        Assert.Equal(150m, r.NetPnl);
        Assert.Equal(250m, r.GrossProfit);
        Assert.Equal(100m, r.GrossLoss);
        var m = r.Metrics;
        Assert.Equal(1.5, m.TotalReturnPct, 10);
        Assert.Equal(3, m.ClosedTrades);
        Assert.Equal(200.0 / 3, m.WinRatePct, 10);
        Assert.Equal(2.5, m.ProfitFactor, 10);
        Assert.Equal(50m, m.Expectancy);
        Assert.Equal(2.5m, m.TotalFees);
        // Peak 10,200 on Tuesday, 10,100 on Wednesday: 100 / 10,200.
        Assert.Equal(100m, m.MaxDrawdownAbs);
        Assert.Equal(100.0 / 102, m.MaxDrawdownPct, 10);
        // Held on Monday, Tuesday, Wednesday and Friday; not on Thursday.
        Assert.Equal(80, m.ExposurePct, 10);
        // Daily returns 0, +2%, -0.98039%, 0, +0.49505%: mean / sample sd × √252, mean / downside deviation × √252.
        Assert.Equal(4.414144005239653, m.Sharpe, 9);
        Assert.Equal(10.968060467582625, m.Sortino, 9);
    }

    [Fact]
    public void Every_session_has_a_day_with_its_equity_return_and_drawdown()
    {
        var r = ReportCalculator.Compute(Inputs(Week));

        Assert.Equal(new[] { 10_000m, 10_200m, 10_100m, 10_100m, 10_150m }, r.Days.Select(d => d.Equity));
        Assert.Equal(new[] { 0, 1, 1, 0, 1 }, r.Days.Select(d => d.Trades));
        Assert.Equal(new[] { true, true, true, false, true }, r.Days.Select(d => d.Exposed));
        Assert.Equal(2.0, r.Days[1].ReturnPct, 10);
        Assert.Equal(-100.0 / 102, r.Days[2].ReturnPct, 10);
        Assert.Equal(-100.0 / 102, r.Days[3].DrawdownPct, 10);
        Assert.Equal(0, r.Days[1].DrawdownPct);
    }

    [Fact]
    public void Weeks_and_months_compound_the_days_and_breakdowns_split_by_symbol_and_bot()
    {
        var r = ReportCalculator.Compute(Inputs(Week));

        var week = Assert.Single(r.Weeks);
        // Cut to the period: Monday to Friday, not to Sunday.
        Assert.Equal((Monday, Monday.AddDays(4), 150m, 3), (week.Start, week.End, week.Pnl, week.Trades));
        Assert.Equal(1.5, week.ReturnPct, 10);
        var month = Assert.Single(r.Months);
        Assert.Equal((Monday, Monday.AddDays(4)), (month.Start, month.End));

        Assert.Equal(new[] { "AAPL", "SPY" }, r.BySymbol.Select(b => b.Key));
        Assert.Equal(new BreakdownRow("AAPL", 2, 100, 250m, 1.5m, double.PositiveInfinity), r.BySymbol[0]);
        Assert.Equal(new BreakdownRow("SPY", 1, 0, -100m, 1m, 0), r.BySymbol[1]);
        Assert.Equal(new[] { ("A", 100m), ("B", 50m) }, r.ByBot.Select(b => (b.Key, b.Pnl)));
        Assert.Equal(50, r.ByBot[0].WinRatePct);
        Assert.Equal(2, r.ByBot[0].ProfitFactor);
    }

    [Fact]
    public void Earlier_gains_raise_the_starting_equity_and_an_empty_period_is_flat()
    {
        var r = ReportCalculator.Compute(Inputs(Week, pnlBefore: 1_000m));
        Assert.Equal(11_000m, r.StartEquity);
        Assert.Equal(150.0 / 110, r.Metrics.TotalReturnPct, 10);

        var empty = ReportCalculator.Compute(Inputs(Array.Empty<ReportTrade>()));
        Assert.Equal(5, empty.Days.Count);
        Assert.All(empty.Days, d => Assert.Equal(10_000m, d.Equity));
        Assert.Equal((0, 0.0, 0.0, 0.0), (empty.Metrics.ClosedTrades, empty.Metrics.Sharpe, empty.Metrics.ProfitFactor, empty.Metrics.MaxDrawdownPct));
    }

    [Fact]
    public void A_trade_closed_on_a_weekend_still_counts_on_its_own_day()
    {
        var saturday = new ReportTrade(9, 1, "A", "SPY", 1, 100, Utc(7, 20), 110, new DateTime(2025, 3, 8, 15, 0, 0, DateTimeKind.Utc), 10, 0, "signal");
        var input = Inputs(new[] { saturday }) with { To = Monday.AddDays(6) };

        var r = ReportCalculator.Compute(input);

        Assert.Equal(new DateOnly(2025, 3, 8), r.Days[^1].Date);
        Assert.Equal(10_010m, r.FinalEquity);
    }

    [Fact]
    public void The_backtester_and_the_reports_share_win_rate_and_profit_factor()
    {
        var pnls = new[] { 30m, -10m, -5m, 0m };
        Assert.Equal(25, TradeStats.WinRatePct(pnls));
        Assert.Equal(2, TradeStats.ProfitFactor(pnls));
        Assert.Equal(double.PositiveInfinity, TradeStats.ProfitFactor(new[] { 1m }));
        Assert.Equal(0, TradeStats.ProfitFactor(Array.Empty<decimal>()));
    }
}
