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

    /// <summary>Non-repeating bars with flat and zero-volume bars mixed in, for equivalence tests.</summary>
    public static Ohlcv[] RandomWalk(int count, int seed) => TradingBlazor.Cli.SyntheticSeries.RandomWalk(count, seed, edgeCases: true);
}
