using System.Globalization;
using TradingBlazor.Adapters.Csv;
using TradingBlazor.Engine.Bots;

namespace TradingBlazor.Api;

/// <summary>Round trips as CSV (the app's one CSV writer: RFC 4180, money to the cent, ISO 8601 UTC) for spreadsheets and scripts.</summary>
public static class TradesCsv
{
    public const string Header = "id,bot_id,bot_name,symbol,quantity,entry_price,entry_time,exit_price,exit_time,realized_pnl,fees,exit_reason,entry_values";

    public static string Write(IEnumerable<TradeView> trades)
    {
        var csv = new CsvWriter(Header);
        foreach (var t in trades)
        {
            var values = string.Join(";", t.EntryValues.Select(kv => $"{kv.Key}={kv.Value?.ToString("R", CultureInfo.InvariantCulture)}"));
            csv.Integer(t.Id).Integer(t.BotId).Text(t.BotName).Text(t.Symbol).Quantity(t.Quantity).Money(t.EntryPrice).Time(t.EntryUtc)
                .Money(t.ExitPrice).Time(t.ExitUtc).Money(t.RealizedPnl).Money(t.Fees).Text(t.ExitReason).Text(values).EndRow();
        }
        return csv.ToString();
    }
}
