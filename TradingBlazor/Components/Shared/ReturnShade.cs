using System.Globalization;

namespace TradingBlazor.Components.Shared;

/// <summary>The background of a return cell: green for gains, red for losses, stronger up to the scale's largest move.</summary>
public static class ReturnShade
{
    public static string Style(double returnPct, double scale)
    {
        double strength = scale > 0 ? Math.Min(1, Math.Abs(returnPct) / scale) : 0;
        var colour = returnPct >= 0 ? "var(--mud-palette-success)" : "var(--mud-palette-error)";
        int percent = returnPct == 0 ? 0 : (int)Math.Round(15 + 70 * strength);
        return string.Create(CultureInfo.InvariantCulture, $"background: color-mix(in srgb, {colour} {percent}%, var(--mud-palette-background-gray));");
    }
}
