using TradingBlazor.Domain.Indicators.Framework;

namespace TradingBlazor.Cli;

/// <summary>Non-repeating benchmark data: a seeded geometric random walk of one-minute bars (a repeated short series would let the branch predictor learn it).</summary>
public static class SyntheticSeries
{
    /// <param name="edgeCases">Also emit occasional flat bars and zero-volume bars (exercises zero-range branches in tests).</param>
    public static Ohlcv[] RandomWalk(int count, int seed, bool edgeCases = false)
    {
        var random = new Random(seed);
        var bars = new Ohlcv[count];
        double close = 100;
        long t = new DateTimeOffset(2024, 1, 2, 14, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        for (int i = 0; i < count; i++)
        {
            double open = close;
            close = Math.Max(1, open * (1 + (random.NextDouble() - 0.5) * 0.004));
            double high = Math.Max(open, close) * (1 + random.NextDouble() * 0.002);
            double low = Math.Min(open, close) * (1 - random.NextDouble() * 0.002);
            double volume = random.Next(100, 100_000);
            if (edgeCases && random.Next(50) == 0) high = low = open = close;
            if (edgeCases && random.Next(10) == 0) volume = 0;
            bars[i] = new Ohlcv(t + i * 60_000L, open, high, low, close, volume);
        }
        return bars;
    }
}
