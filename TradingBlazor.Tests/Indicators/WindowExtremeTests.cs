using TradingBlazor.Domain.Indicators.Primitives;

namespace TradingBlazor.Tests.Indicators;

/// <summary>The rolling extreme against the obvious definition, on data full of ties, with previews between commits.</summary>
public class WindowExtremeTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(5, 3)]
    [InlineData(14, 4)]
    [InlineData(40, 5)]
    public void Highest_and_lowest_equal_a_naive_scan_of_the_window(int period, int seed)
    {
        var random = new Random(seed);
        var highest = new WindowExtreme<Highest>(period);
        var lowest = new WindowExtreme<Lowest>(period);
        var values = new List<double>();
        for (int i = 0; i < 5_000; i++)
        {
            double x = Math.Round(random.NextDouble() * 10) + (i % 700 < 200 ? i * 0.01 : -i * 0.01); // trends, ranges and many ties
            var window = values.Skip(Math.Max(0, values.Count - period + 1)).Append(x).ToList();
            double preview = random.NextDouble() * 20 - 5;
            var previewWindow = values.Skip(Math.Max(0, values.Count - period + 1)).Append(preview).ToList();
            Assert.Equal(previewWindow.Max(), highest.Step(preview, commit: false));
            Assert.Equal(previewWindow.Min(), lowest.Step(preview, commit: false));
            Assert.Equal(window.Max(), highest.Step(x, commit: true));
            Assert.Equal(window.Min(), lowest.Step(x, commit: true));
            values.Add(x);
        }
    }
}
