using System.Globalization;
using System.Text;
using TradingBlazor.Engine.Backtesting;
using TradingBlazor.Engine.Bots;

namespace TradingBlazor.Api;

/// <summary>Round trips as CSV (RFC 4180 quoting, invariant numbers, ISO 8601 UTC times) for spreadsheets and scripts.</summary>
public static class TradesCsv
{
    public const string Header = "id,bot_id,bot_name,symbol,quantity,entry_price,entry_time,exit_price,exit_time,realized_pnl,fees,exit_reason,entry_values";

    public static string Write(IEnumerable<TradeView> trades)
    {
        var sb = new StringBuilder(Header).Append("\r\n");
        foreach (var t in trades)
        {
            var values = string.Join(";", t.EntryValues.Select(kv => $"{kv.Key}={kv.Value?.ToString("R", CultureInfo.InvariantCulture)}"));
            sb.AppendJoin(',', new[]
            {
                Num(t.Id), Num(t.BotId), Text(t.BotName), Text(t.Symbol), Num(t.Quantity), Num(t.EntryPrice), Time(t.EntryUtc),
                Num(t.ExitPrice), Time(t.ExitUtc), Num(t.RealizedPnl), Num(t.Fees), Text(t.ExitReason), Text(values),
            }).Append("\r\n");
        }
        return sb.ToString();
    }

    private static string Num(IFormattable? value) => value?.ToString(null, CultureInfo.InvariantCulture) ?? "";

    private static string Time(DateTime? utc) => utc?.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture) ?? "";

    public static string Text(string? value) => BacktestCsv.Text(value);
}
