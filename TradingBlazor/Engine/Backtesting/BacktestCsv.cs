using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TradingBlazor.Engine.Backtesting;

/// <summary>CSV exports of a run: the API's (ISO 8601 UTC times) and the CLI's (New York dates).</summary>
public static class BacktestCsv
{
    /// <summary>Quoted only when it must be: a comma, a quote or a line break inside (quotes doubled).</summary>
    public static string Text(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;

    public static string IsoUtc(DateTime? t) => t?.ToString("O", CultureInfo.InvariantCulture) ?? "";

    public static string Trades(IEnumerable<StoredTrade> trades, Func<DateTime?, string>? time = null)
    {
        time ??= IsoUtc;
        var sb = new StringBuilder("symbol,signal_time,entry_time,entry_price,quantity,exit_time,exit_price,pnl,fees,return_pct,bars_held,mae_pct,mfe_pct,exit_reason,signal_values\n");
        foreach (var t in trades)
        {
            var values = t.Values is null ? "" : string.Join(";", t.Values.Select(kv => $"{kv.Key}={kv.Value.ToString("R", CultureInfo.InvariantCulture)}"));
            sb.Append(CultureInfo.InvariantCulture, $"{t.Symbol},{time(t.SignalTime)},{time(t.EntryTime)},{t.EntryPrice},{t.Quantity},{time(t.ExitTime)},{t.ExitPrice},{t.Pnl},{t.Fees},{t.ReturnPct},{t.BarsHeld},{t.MaePct:0.####},{t.MfePct:0.####},{t.ExitReason},\"{values}\"\n");
        }
        return sb.ToString();
    }

    public static string Equity(string equityJson)
    {
        var sb = new StringBuilder("time,equity\n");
        foreach (var p in JsonDocument.Parse(equityJson).RootElement.EnumerateArray())
            sb.Append(CultureInfo.InvariantCulture, $"{p.GetProperty("t").GetDateTime():O},{p.GetProperty("e").GetDecimal()}\n");
        return sb.ToString();
    }
}
