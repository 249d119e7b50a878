using TradingBlazor.Engine.Backtesting;
using TradingBlazor.Engine.Bots;

namespace TradingBlazor.Services;

/// <summary>A live book's equity (the backtests' points) over time from what is stored: the capital, each closed trade's realized P&amp;L at its exit, and the equity now.</summary>
public static class EquityCurve
{
    public static IReadOnlyList<EquityPoint> From(decimal capital, IEnumerable<TradeView> trades, DateTime startUtc, DateTime nowUtc, decimal equityNow)
    {
        var points = new List<EquityPoint> { new(startUtc, capital) };
        decimal equity = capital;
        foreach (var t in trades.Where(t => t is { ExitUtc: not null, RealizedPnl: not null }).OrderBy(t => t.ExitUtc))
        {
            equity += t.RealizedPnl!.Value;
            points.Add(new EquityPoint(t.ExitUtc!.Value, equity));
        }
        if (nowUtc > points[^1].TimeUtc) points.Add(new EquityPoint(nowUtc, equityNow));
        return points;
    }
}
