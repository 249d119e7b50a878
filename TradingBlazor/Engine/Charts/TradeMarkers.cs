using System.Globalization;
using TradingBlazor.Engine.Backtesting;

namespace TradingBlazor.Engine.Charts;

/// <summary>How every price chart marks a trade: an up arrow under the entry, a down arrow over the exit coloured by its result.</summary>
public static class TradeMarkers
{
    public static ChartMarker Entry(long time, decimal quantity) =>
        new(time, "belowBar", "#26a69a", "arrowUp", string.Create(CultureInfo.InvariantCulture, $"Buy {quantity:0.##}"));

    public static ChartMarker Exit(long time, decimal pnl) =>
        new(time, "aboveBar", pnl >= 0 ? "#2962ff" : "#ef5350", "arrowDown", string.Create(CultureInfo.InvariantCulture, $"Sell {pnl:+0.##;-0.##}"));

    /// <summary>UTC seconds of the start of the bar that holds <paramref name="utc"/> (markers sit on a bar).</summary>
    public static long BarTime(DateTime utc, TimeSpan bar)
    {
        long seconds = (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerSecond;
        long size = Math.Max(1, (long)bar.TotalSeconds);
        return seconds - seconds % size;
    }
}
