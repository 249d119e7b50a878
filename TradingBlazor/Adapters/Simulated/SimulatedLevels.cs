namespace TradingBlazor.Adapters.Simulated;

/// <summary>
/// Where well-known symbols trade in the simulated market: each one's close on
/// <see cref="AnchorDate"/> is its reference level, so simulated prices look like the real
/// ones around the present. Levels are rounded real closes around the start of 2026; daily
/// volatilities are typical of each symbol. Unknown symbols get a seeded level instead.
/// </summary>
public static class SimulatedLevels
{
    /// <summary>A symbol's close on the anchor session and its long-run daily volatility.</summary>
    public sealed record Reference(decimal Level, double DailyVolatility);

    /// <summary>The chain's close on this session (or the last one before it) is the reference level.</summary>
    public static readonly DateOnly AnchorDate = new(2026, 1, 2);

    public static IReadOnlyDictionary<string, Reference> Table { get; } =
        new Dictionary<string, Reference>(StringComparer.OrdinalIgnoreCase)
        {
            // Index and index funds.
            ["SPX"] = new(6850m, 0.011),
            ["SPY"] = new(683m, 0.011),
            ["QQQ"] = new(614m, 0.014),
            ["DIA"] = new(481m, 0.010),
            ["IWM"] = new(246m, 0.015),
            // Large caps.
            ["AAPL"] = new(272m, 0.018),
            ["MSFT"] = new(484m, 0.016),
            ["NVDA"] = new(187m, 0.030),
            ["TSLA"] = new(450m, 0.036),
            ["AMZN"] = new(231m, 0.021),
            ["GOOGL"] = new(313m, 0.019),
            ["META"] = new(660m, 0.024),
        };

    public static Reference? Find(string symbol) => Table.GetValueOrDefault(symbol);
}
