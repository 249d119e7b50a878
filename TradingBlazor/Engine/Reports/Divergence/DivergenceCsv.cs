using TradingBlazor.Adapters.Csv;

namespace TradingBlazor.Engine.Reports.Divergence;

/// <summary>
/// The backtest-vs-live tables of a report's CSV: each bot's counts, its headline figures live and backtest, and every
/// matched trade (one row per difference, "none" for a trade that agrees), then the bots that could not be backtested.
/// </summary>
public static class DivergenceCsv
{
    public static void Append(CsvWriter csv, DivergenceReport d)
    {
        csv.Section("bot_id,bot,config_revision,bars,matched,agreeing,missing_in_live,missing_in_backtest,price_differences,quantity_differences,timing_differences,live_pnl,backtest_pnl");
        foreach (var b in d.Bots)
        {
            var s = b.Summary;
            csv.Integer(b.BotId).Text(b.BotName).Integer(b.ConfigRevision).Text(b.Bars).Integer(s.Matched).Integer(s.Agreeing).Integer(s.MissingInLive)
                .Integer(s.MissingInBacktest).Integer(s.PriceDifferences).Integer(s.QuantityDifferences).Integer(s.TimingDifferences)
                .Money(s.LivePnl).Money(s.BacktestPnl).EndRow();
        }

        csv.Section("bot_id,metric,live,backtest");
        foreach (var b in d.Bots)
            foreach (var f in b.Figures) csv.Integer(b.BotId).Text(f.Live.Key).Text(f.Live.Plain).Text(f.Backtest.Plain).EndRow();

        csv.Section("bot_id,symbol,side,live_entry_time,live_entry_price,live_quantity,live_exit_time,live_exit_price,live_pnl," +
                    "backtest_entry_time,backtest_entry_price,backtest_quantity,backtest_exit_time,backtest_exit_price,backtest_pnl,difference,reason,detail");
        foreach (var b in d.Bots)
            foreach (var t in b.Trades)
                foreach (var difference in t.Agrees ? new Divergence?[] { null } : t.Differences.Cast<Divergence?>())
                {
                    csv.Integer(b.BotId).Text(t.Symbol).Text(t.Side.ToString().ToLowerInvariant());
                    Leg(csv, t.Live);
                    Leg(csv, t.Backtest);
                    csv.Text(difference is null ? "none" : DivergenceText.Code(difference.Kind)).Text(difference is null ? "" : DivergenceText.Code(difference.Reason))
                        .Text(difference?.Detail).EndRow();
                }

        if (d.Failures.Count == 0) return;
        csv.Section("bot_id,bot,not_backtested_because");
        foreach (var f in d.Failures) csv.Integer(f.BotId).Text(f.BotName).Text(f.Reason).EndRow();
    }

    private static void Leg(CsvWriter csv, TradeLeg? t) =>
        csv.Time(t?.EntryUtc).Money(t?.EntryPrice).Quantity(t?.Quantity).Time(t?.ExitUtc).Money(t?.ExitPrice).Money(t?.Pnl);
}
