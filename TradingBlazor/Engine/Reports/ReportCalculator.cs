using TradingBlazor.Domain.Execution;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Time;
using TradingBlazor.Engine.Backtesting;

namespace TradingBlazor.Engine.Reports;

/// <summary>
/// Turns a scope's trades into a <see cref="PerformanceReport"/>: one equity point per session (and per day a trade
/// closed on), the backtester's metrics on those daily points, period returns and breakdowns. Pure: no store, no clock.
/// </summary>
public static class ReportCalculator
{
    public static PerformanceReport Compute(ReportInputs input)
    {
        var trades = input.Trades.OrderBy(t => t.ExitUtc).ThenBy(t => t.Id).ToList();
        var closedOn = trades.ToLookup(t => MarketTime.EasternDate(t.ExitUtc));
        var dates = input.Sessions.Concat(closedOn.Select(g => g.Key)).Where(d => d >= input.From && d <= input.To).Distinct().Order().ToList();
        decimal start = input.Capital + input.PnlBefore;
        var days = Days(dates, closedOn, input.Holdings, start);

        // The backtester's statistics on daily points stamped at the day's end (its timeframe gives 252 per year).
        var equity = days.Select(d => new EquityPoint(MarketTime.ToUtc(d.Date, new TimeOnly(16, 0)), d.Equity)).ToList();
        var metrics = BacktestMetrics.Compute(start, equity, trades.Select(ToClosedTrade).ToList(), trades.Sum(t => t.Fees),
            days.Count(d => d.Exposed), Timeframe.Day1, benchmarkReturnPct: 0);
        decimal final = days.Count > 0 ? days[^1].Equity : start;
        return new PerformanceReport(input.Scope, input.Title, input.From, input.To, start, final, final - start,
            trades.Where(t => t.Pnl > 0).Sum(t => t.Pnl), -trades.Where(t => t.Pnl < 0).Sum(t => t.Pnl), metrics, days,
            Periods(days, start, ReturnPeriod.Week, input.From, input.To), Periods(days, start, ReturnPeriod.Month, input.From, input.To),
            Breakdown(trades, t => t.Symbol), Breakdown(trades, t => t.BotName), trades);
    }

    private static List<DailyEquity> Days(List<DateOnly> dates, ILookup<DateOnly, ReportTrade> closedOn, IReadOnlyList<HoldingSpan> holdings, decimal start)
    {
        var exposed = Exposed(dates, holdings);
        var days = new List<DailyEquity>(dates.Count);
        decimal equity = start, peak = start;
        for (int i = 0; i < dates.Count; i++)
        {
            var closed = closedOn[dates[i]].ToList();
            decimal pnl = closed.Sum(t => t.Pnl), before = equity;
            equity += pnl;
            peak = Math.Max(peak, equity);
            days.Add(new DailyEquity(dates[i], equity, pnl, Percent(before, equity), peak > equity ? -(double)((peak - equity) / peak) * 100 : 0,
                closed.Count, exposed[i]));
        }
        return days;
    }

    // A day is exposed when a position was held on it (entry to exit, New York dates; an open one to the end).
    private static bool[] Exposed(List<DateOnly> dates, IReadOnlyList<HoldingSpan> holdings)
    {
        var exposed = new bool[dates.Count];
        foreach (var h in holdings)
        {
            var last = h.ExitUtc is { } exit ? MarketTime.EasternDate(exit) : DateOnly.MaxValue;
            int i = dates.BinarySearch(MarketTime.EasternDate(h.EntryUtc));
            for (i = i < 0 ? ~i : i; i < dates.Count && dates[i] <= last; i++) exposed[i] = true;
        }
        return exposed;
    }

    private static List<PeriodReturn> Periods(List<DailyEquity> days, decimal start, ReturnPeriod period, DateOnly from, DateOnly to)
    {
        var rows = new List<PeriodReturn>();
        decimal opening = start;
        foreach (var group in days.GroupBy(d => PeriodStart(d.Date, period)))
        {
            var last = group.Last();
            // The first and last periods are cut to the days the report covers.
            var first = group.Key < from ? from : group.Key;
            var end = PeriodEnd(group.Key, period) is var e && e > to ? to : e;
            rows.Add(new PeriodReturn(period, first, end, group.Sum(d => d.Pnl), Percent(opening, last.Equity), group.Sum(d => d.Trades)));
            opening = last.Equity;
        }
        return rows;
    }

    public static DateOnly PeriodStart(DateOnly date, ReturnPeriod period) => period switch
    {
        ReturnPeriod.Week => date.AddDays(-(((int)date.DayOfWeek + 6) % 7)),
        ReturnPeriod.Month => new DateOnly(date.Year, date.Month, 1),
        _ => date,
    };

    private static DateOnly PeriodEnd(DateOnly start, ReturnPeriod period) => period switch
    {
        ReturnPeriod.Week => start.AddDays(6),
        ReturnPeriod.Month => start.AddMonths(1).AddDays(-1),
        _ => start,
    };

    private static List<BreakdownRow> Breakdown(List<ReportTrade> trades, Func<ReportTrade, string> key) =>
        trades.GroupBy(key).Select(g =>
        {
            var pnls = g.Select(t => t.Pnl).ToList();
            return new BreakdownRow(g.Key, pnls.Count, TradeStats.WinRatePct(pnls), pnls.Sum(), g.Sum(t => t.Fees), TradeStats.ProfitFactor(pnls));
        }).OrderByDescending(r => r.Pnl).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();

    private static double Percent(decimal from, decimal to) => from != 0 ? (double)(to / from - 1) * 100 : 0;

    // The backtester's round trip; what a live trade does not record (bars held, excursions) is left at zero.
    private static ClosedTrade ToClosedTrade(ReportTrade t) =>
        new(t.Symbol, t.EntryUtc, t.EntryPrice, t.Quantity, t.ExitUtc, t.ExitPrice, t.Pnl, t.Fees, t.ReturnPct, 0, 0, 0, t.ExitReason ?? "", null);
}
