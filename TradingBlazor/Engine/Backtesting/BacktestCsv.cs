using System.Globalization;
using System.Text.Json;
using TradingBlazor.Adapters.Csv;

namespace TradingBlazor.Engine.Backtesting;

/// <summary>CSV exports of a run: the API's (ISO 8601 UTC times) and the CLI's (New York dates), by the app's one CSV writer.</summary>
public static class BacktestCsv
{
    public const string TradesHeader = "symbol,signal_time,entry_time,entry_price,quantity,exit_time,exit_price,pnl,fees,return_pct,bars_held,mae_pct,mfe_pct,exit_reason,signal_values";

    // The line feed these files always had (the CLI writes them to disk).
    private const string Newline = "\n";

    public static string IsoUtc(DateTime? t) => t?.ToString("O", CultureInfo.InvariantCulture) ?? "";

    public static string Trades(IEnumerable<StoredTrade> trades, Func<DateTime?, string>? time = null)
    {
        time ??= IsoUtc;
        var csv = new CsvWriter(TradesHeader, Newline);
        foreach (var t in trades)
        {
            var values = t.Values is null ? "" : string.Join(";", t.Values.Select(kv => $"{kv.Key}={kv.Value.ToString("R", CultureInfo.InvariantCulture)}"));
            csv.Text(t.Symbol).Text(time(t.SignalTime)).Text(time(t.EntryTime)).Money(t.EntryPrice).Quantity(t.Quantity).Text(time(t.ExitTime))
                .Money(t.ExitPrice).Money(t.Pnl).Money(t.Fees).Ratio(t.ReturnPct).Integer(t.BarsHeld).Ratio(t.MaePct).Ratio(t.MfePct).Text(t.ExitReason)
                .Text(values).EndRow();
        }
        return csv.ToString();
    }

    /// <summary>The equity curve as stored with a run (<c>[{"t": ..., "e": ...}]</c>).</summary>
    public static string Equity(string equityJson) =>
        Equity(JsonDocument.Parse(equityJson).RootElement.EnumerateArray().Select(p => (p.GetProperty("t").GetDateTime(), p.GetProperty("e").GetDecimal())));

    public static string Equity(IEnumerable<(DateTime Utc, decimal Equity)> points, Func<DateTime?, string>? time = null)
    {
        time ??= IsoUtc;
        var csv = new CsvWriter("time,equity", Newline);
        foreach (var (utc, equity) in points) csv.Text(time(utc)).Money(equity).EndRow();
        return csv.ToString();
    }
}
