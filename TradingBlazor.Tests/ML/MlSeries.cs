using TradingBlazor.Domain.Indicators.Framework;
using TradingBlazor.Domain.Time;

namespace TradingBlazor.Tests.ML;

/// <summary>Seeded daily series for the ML tests: a random walk, or one with a planted, learnable pattern.</summary>
public static class MlSeries
{
    /// <summary>
    /// Daily bars (starting at the 09:30 New York open) whose next return has sign(5-bar return) × <paramref name="drift"/>
    /// added to Gaussian noise of 1%: a model that reads <c>ret_5</c> can learn it; with drift 0 it is a pure random walk.
    /// </summary>
    public static Ohlcv[] Planted(int count, int seed, double drift = 0.006)
    {
        var random = new Random(seed);
        var closes = new double[count];
        var bars = new Ohlcv[count];
        double close = 100;
        var day = new DateOnly(2010, 1, 4);
        for (int i = 0; i < count; i++)
        {
            double open = close;
            double trend = i >= 6 ? Math.Sign(closes[i - 1] - closes[i - 6]) * drift : 0;
            close = Math.Max(1, open * (1 + trend + 0.01 * Gaussian(random)));
            closes[i] = close;
            double high = Math.Max(open, close) * (1 + random.NextDouble() * 0.004);
            double low = Math.Min(open, close) * (1 - random.NextDouble() * 0.004);
            long start = new DateTimeOffset(MarketTime.ToUtc(day, new TimeOnly(9, 30))).ToUnixTimeMilliseconds();
            bars[i] = new Ohlcv(start, open, high, low, close, random.Next(1_000_000, 2_000_000));
            day = day.AddDays(day.DayOfWeek == DayOfWeek.Friday ? 3 : 1);
        }
        return bars;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
