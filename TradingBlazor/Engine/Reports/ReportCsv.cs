using TradingBlazor.Adapters.Csv;

namespace TradingBlazor.Engine.Reports;

/// <summary>
/// A report as CSV: tables separated by an empty line, each with its own header (summary, daily, weekly and monthly
/// returns, per-symbol and per-bot breakdowns, trades, and the backtest beside live when given). Money to the cent, returns and
/// ratios to four decimals, dates in New York.
/// </summary>
public static class ReportCsv
{
    public static string Write(PerformanceReport r, Divergence.DivergenceReport? divergence = null)
    {
        var csv = new CsvWriter("metric,value");
        csv.Text("scope").Text(r.Title).EndRow();
        csv.Text("from").Date(r.From).EndRow();
        csv.Text("to").Date(r.To).EndRow();
        foreach (var f in ReportFigures.Of(r)) csv.Text(f.Key).Text(f.Plain).EndRow();

        csv.Section("date,equity,pnl,return_pct,drawdown_pct,trades,exposed");
        foreach (var d in r.Days)
            csv.Date(d.Date).Money(d.Equity).Money(d.Pnl).Ratio(d.ReturnPct).Ratio(d.DrawdownPct).Integer(d.Trades).Integer(d.Exposed ? 1 : 0).EndRow();
        Periods(csv.Section("week_start,week_end,pnl,return_pct,trades"), r.Weeks);
        Periods(csv.Section("month_start,month_end,pnl,return_pct,trades"), r.Months);
        Breakdown(csv.Section("symbol,trades,win_rate_pct,pnl,fees,profit_factor"), r.BySymbol);
        Breakdown(csv.Section("bot,trades,win_rate_pct,pnl,fees,profit_factor"), r.ByBot);

        csv.Section("id,bot,symbol,quantity,entry_time,entry_price,exit_time,exit_price,pnl,fees,return_pct,exit_reason");
        foreach (var t in r.Trades)
            csv.Integer(t.Id).Text(t.BotName).Text(t.Symbol).Quantity(t.Quantity).Time(t.EntryUtc).Money(t.EntryPrice).Time(t.ExitUtc)
                .Money(t.ExitPrice).Money(t.Pnl).Money(t.Fees).Ratio(t.ReturnPct).Text(t.ExitReason).EndRow();
        if (divergence is not null) Divergence.DivergenceCsv.Append(csv, divergence);
        return csv.ToString();
    }

    private static void Periods(CsvWriter csv, IEnumerable<PeriodReturn> rows)
    {
        foreach (var p in rows) csv.Date(p.Start).Date(p.End).Money(p.Pnl).Ratio(p.ReturnPct).Integer(p.Trades).EndRow();
    }

    private static void Breakdown(CsvWriter csv, IEnumerable<BreakdownRow> rows)
    {
        foreach (var b in rows) csv.Text(b.Key).Integer(b.Trades).Ratio(b.WinRatePct).Money(b.Pnl).Money(b.Fees).Ratio(b.ProfitFactor).EndRow();
    }
}
