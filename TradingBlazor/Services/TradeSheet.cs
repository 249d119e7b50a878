using TradingBlazor.Adapters.Csv;
using TradingBlazor.Domain.Time;

namespace TradingBlazor.Services;

/// <summary>Which round trips by their result: winners made money after fees, losers lost it, open ones have no result yet.</summary>
public enum TradeOutcome
{
    All,
    Winners,
    Losers,
    Open,
}

/// <summary>What the trades list shows; every part optional. Dates are New York trading dates of the entry, both inclusive.</summary>
public sealed record TradeFilter(long? BotId = null, string? Symbol = null, DateOnly? From = null, DateOnly? To = null, TradeOutcome Outcome = TradeOutcome.All)
{
    /// <summary>The entry-time range in UTC: from the start of <see cref="From"/> to the end of <see cref="To"/> in New York.</summary>
    public (DateTime? FromUtc, DateTime? ToUtc) UtcRange() =>
        (From is { } f ? MarketTime.ToUtc(f, TimeOnly.MinValue) : null, To is { } t ? MarketTime.ToUtc(t.AddDays(1), TimeOnly.MinValue) : null);

    public bool Admits(TradeLine line) => Outcome switch
    {
        TradeOutcome.Winners => line.RealizedPnl > 0m,
        TradeOutcome.Losers => line.RealizedPnl < 0m,
        TradeOutcome.Open => line.IsOpen,
        _ => true,
    };
}

/// <summary>One round trip as the trades list shows it (bots trade long only: the entry buys, the exit sells).</summary>
public sealed record TradeLine(
    long Id, long? BotId, string? BotName, string Symbol, decimal Quantity, DateTime EntryUtc, decimal EntryPrice, DateTime? ExitUtc,
    decimal? ExitPrice, decimal? RealizedPnl, decimal Fees, string? ExitReason)
{
    public bool IsOpen => RealizedPnl is null;

    /// <summary>The price move from entry to exit, as a fraction (0.0123 is 1.23%), before fees.</summary>
    public decimal? Return => ExitPrice is { } exit && EntryPrice != 0m ? exit / EntryPrice - 1m : null;
}

/// <summary>The headline numbers of the trades shown. Win rate and profit factor count closed trades only; null when undefined.</summary>
public sealed record TradeTotals(int Count, int Closed, int Winners, decimal? WinRate, decimal RealizedPnl, decimal Fees, decimal? ProfitFactor)
{
    public static TradeTotals Of(IReadOnlyList<TradeLine> lines)
    {
        int closed = 0, winners = 0;
        decimal pnl = 0m, fees = 0m, gains = 0m, losses = 0m;
        foreach (var line in lines)
        {
            fees += line.Fees;
            if (line.RealizedPnl is not { } p) continue;
            closed++;
            pnl += p;
            if (p > 0m) { winners++; gains += p; }
            else losses -= p;
        }
        return new TradeTotals(lines.Count, closed, winners, closed == 0 ? null : (decimal)winners / closed, pnl, fees, losses == 0m ? null : gains / losses);
    }
}

/// <summary>The trades a filter selected, with their totals. <see cref="Truncated"/>: there may be older ones beyond the limit.</summary>
public sealed record TradeSheet(TradeFilter Filter, IReadOnlyList<TradeLine> Lines, TradeTotals Totals, bool Truncated)
{
    public const string CsvHeader = "id,bot_id,bot,symbol,quantity,entry_time,entry_price,exit_time,exit_price,return_pct,realized_pnl,fees,exit_reason";

    public static TradeSheet Of(TradeFilter filter, IReadOnlyList<TradeLine> loaded, bool truncated)
    {
        var lines = loaded.Where(filter.Admits).ToList();
        return new TradeSheet(filter, lines, TradeTotals.Of(lines), truncated);
    }

    /// <summary>Exactly the lines of the sheet, in its order: prices and money to the cent, returns in percent to 4 decimals.</summary>
    public string ToCsv()
    {
        var csv = new CsvWriter(CsvHeader);
        foreach (var t in Lines)
            csv.Integer(t.Id).Integer(t.BotId).Text(t.BotName).Text(t.Symbol).Quantity(t.Quantity).Time(t.EntryUtc).Money(t.EntryPrice)
                .Time(t.ExitUtc).Money(t.ExitPrice).Ratio(t.Return * 100m).Money(t.RealizedPnl).Money(t.Fees).Text(t.ExitReason).EndRow();
        return csv.ToString();
    }
}
