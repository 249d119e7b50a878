using System.Globalization;
using TradingBlazor.Domain.Time;

namespace TradingBlazor.Components.Shared;

/// <summary>How the trading screens show what is not money: percentages, share counts, ratios and exchange times.</summary>
public static class Figures
{
    /// <summary>A fraction as a signed percentage with two decimals (0.0123 → +1.23%); an em dash when missing.</summary>
    public static string Percent(decimal? fraction) =>
        fraction is { } f ? (f * 100m).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + "%" : "—";

    /// <summary>Shares as they are: whole, or the fraction the broker filled (never a float's noise).</summary>
    public static string Quantity(decimal? shares) => shares?.ToString("#,0.#########", CultureInfo.InvariantCulture) ?? "—";

    public static string Ratio(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>A UTC instant in New York time (the exchange's), e.g. "03-12 10:31"; an em dash when missing.</summary>
    public static string Eastern(DateTime? utc, string format = "MM-dd HH:mm") =>
        utc is { } t ? MarketTime.ToEastern(t).ToString(format, CultureInfo.InvariantCulture) : "—";
}
