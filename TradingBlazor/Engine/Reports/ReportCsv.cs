using System.Globalization;
using System.Text;
using TradingBlazor.Engine.Backtesting;

namespace TradingBlazor.Engine.Reports;

/// <summary>
/// A report as CSV: blocks separated by an empty line, each with its own header (summary, daily, weekly and monthly
/// returns, per-symbol and per-bot breakdowns, trades). Money to the cent, returns and ratios to four decimals, dates in New York.
/// </summary>
public static class ReportCsv
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Write(PerformanceReport r)
    {
        var sb = new StringBuilder();
        Block(sb, "metric,value", ReportFigures.Of(r).Select(f => $"{f.Key},{f.Plain}")
            .Prepend($"to,{Date(r.To)}").Prepend($"from,{Date(r.From)}").Prepend($"scope,{BacktestCsv.Text(r.Title)}"));
        Block(sb, "date,equity,pnl,return_pct,drawdown_pct,trades,exposed", r.Days.Select(d =>
            $"{Date(d.Date)},{Cents(d.Equity)},{Cents(d.Pnl)},{Ratio(d.ReturnPct)},{Ratio(d.DrawdownPct)},{d.Trades},{(d.Exposed ? 1 : 0)}"));
        Block(sb, "week_start,week_end,pnl,return_pct,trades", Periods(r.Weeks));
        Block(sb, "month_start,month_end,pnl,return_pct,trades", Periods(r.Months));
        Block(sb, "symbol,trades,win_rate_pct,pnl,fees,profit_factor", Breakdown(r.BySymbol));
        Block(sb, "bot,trades,win_rate_pct,pnl,fees,profit_factor", Breakdown(r.ByBot));
        Block(sb, "id,bot,symbol,quantity,entry_time,entry_price,exit_time,exit_price,pnl,fees,return_pct,exit_reason", r.Trades.Select(t =>
            string.Join(',', t.Id.ToString(Invariant), BacktestCsv.Text(t.BotName), BacktestCsv.Text(t.Symbol), t.Quantity.ToString("0.########", Invariant),
                BacktestCsv.IsoUtc(t.EntryUtc), Cents(t.EntryPrice), BacktestCsv.IsoUtc(t.ExitUtc), Cents(t.ExitPrice), Cents(t.Pnl), Cents(t.Fees),
                ((double)t.ReturnPct).ToString("0.0000", Invariant), BacktestCsv.Text(t.ExitReason))));
        return sb.ToString();
    }

    private static void Block(StringBuilder sb, string header, IEnumerable<string> rows)
    {
        if (sb.Length > 0) sb.Append("\r\n");
        sb.Append(header).Append("\r\n");
        foreach (var row in rows) sb.Append(row).Append("\r\n");
    }

    private static IEnumerable<string> Periods(IEnumerable<PeriodReturn> rows) =>
        rows.Select(p => $"{Date(p.Start)},{Date(p.End)},{Cents(p.Pnl)},{Ratio(p.ReturnPct)},{p.Trades}");

    private static IEnumerable<string> Breakdown(IEnumerable<BreakdownRow> rows) =>
        rows.Select(b => $"{BacktestCsv.Text(b.Key)},{b.Trades},{Ratio(b.WinRatePct)},{Cents(b.Pnl)},{Cents(b.Fees)},{(double.IsPositiveInfinity(b.ProfitFactor) ? "inf" : Ratio(b.ProfitFactor))}");

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", Invariant);

    public static string Cents(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.00", Invariant);

    private static string Ratio(double value) => value.ToString("0.0000", Invariant);
}
