using System.Globalization;

namespace TradingBlazor.Components.Shared;

/// <summary>How the UI shows an amount of money: US dollars, two decimals, the same on every machine.</summary>
public static class Money
{
    private static readonly CultureInfo Usd = CultureInfo.GetCultureInfo("en-US");

    public static string Format(decimal value) => value.ToString("C2", Usd);

    /// <summary>An amount that may be missing (an em dash then).</summary>
    public static string Format(decimal? value) => value is { } v ? Format(v) : "—";

    /// <summary>The style of a gain or a loss (none for zero or a missing amount).</summary>
    public static string Tone(decimal? value) => value switch { > 0 => "tb-gain", < 0 => "tb-loss", _ => "" };
}
