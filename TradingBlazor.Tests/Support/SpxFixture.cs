using System.Globalization;
using TradingBlazor.Adapters.Csv;
using TradingBlazor.Domain.Indicators.Framework;

namespace TradingBlazor.Tests.Support;

/// <summary>The shared S&amp;P 500 daily fixture (vega-datasets, BSD-3-Clause; data credited to Yahoo Finance) and its reference files.</summary>
public static class SpxFixture
{
    public static string Directory => Path.Combine(TestPaths.FixturesDirectory, "spx_daily");
    public static string BarsPath => Path.Combine(Directory, "bars.csv");

    private static readonly Lazy<Ohlcv[]> LazyBars = new(() =>
    {
        var result = BarCsvReader.ReadFile(BarsPath, "SPX");
        Assert.Empty(result.Rejected);
        return result.Bars.Select(b => b.ToOhlcv()).ToArray();
    });

    public static Ohlcv[] Bars => LazyBars.Value;

    /// <summary>A reference file's columns by name; empty cells (warm-up) are NaN.</summary>
    public static Dictionary<string, double[]> ReadReference(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(Directory, file));
        var header = lines[0].Split(',');
        var columns = header.Skip(1).ToDictionary(h => h, _ => new double[lines.Length - 1]);
        for (int i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            for (int c = 1; c < header.Length; c++)
                columns[header[c]][i - 1] = cells[c].Length == 0 ? double.NaN : double.Parse(cells[c], CultureInfo.InvariantCulture);
        }
        return columns;
    }

    /// <summary>A seeded random walk of OHLCV bars (non-repeating data for equivalence and benchmarks), one minute apart.</summary>
    public static Ohlcv[] RandomWalk(int count, int seed)
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
            // Occasional flat bars exercise the zero-range branches.
            if (random.Next(50) == 0) high = low = open = close;
            bars[i] = new Ohlcv(t + i * 60_000L, open, high, low, close, random.Next(0, 10) == 0 ? 0 : random.Next(100, 100_000));
        }
        return bars;
    }
}
