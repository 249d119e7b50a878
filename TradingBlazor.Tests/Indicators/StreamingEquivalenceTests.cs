using TradingBlazor.Domain.Indicators.Framework;
using TradingBlazor.Domain.Indicators.Registry;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Indicators;

/// <summary>Streaming ≡ batch, bit for bit, for every indicator in the catalog, including the in-progress path and a reset.</summary>
public class StreamingEquivalenceTests
{
    public static TheoryData<string> Ids => new(IndicatorCatalog.Default.All.Select(d => d.Id));

    private static IEnumerable<Ohlcv[]> Series() => new[] { SpxFixture.Bars, SpxFixture.RandomWalk(3000, 7) };

    [Theory]
    [MemberData(nameof(Ids))]
    public void Streaming_with_live_updates_equals_batch_bit_for_bit(string id)
    {
        var spec = IndicatorSpec.Create(IndicatorCatalog.Default.Find(id)!, Array.Empty<double>());
        int width = spec.Definition.Outputs.Count;
        var live = new double[width];
        var closed = new double[width];
        foreach (var bars in Series())
        {
            var batch = new double[bars.Length * width];
            spec.Definition.Compute(spec.Parameters, bars, batch);

            var streaming = spec.CreateStreaming();
            for (int i = 0; i < bars.Length; i++)
            {
                var bar = bars[i];
                // The bar builds up as ticks arrive: the first print, a wider range, then its final state.
                streaming.Preview(bar with { High = bar.Open, Low = bar.Open, Close = bar.Open, Volume = bar.Volume / 3 }, live);
                streaming.Preview(bar with { Close = (bar.High + bar.Low) / 2, Volume = bar.Volume / 2 }, live);
                streaming.Preview(bar, live);
                streaming.Add(bar, closed);
                for (int o = 0; o < width; o++)
                {
                    AssertBits(batch[i * width + o], closed[o], id, i, o);
                    AssertBits(closed[o], live[o], id, i, o);
                }
                Assert.Equal(i + 1, streaming.Count);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Reset_starts_over_exactly(string id)
    {
        var spec = IndicatorSpec.Create(IndicatorCatalog.Default.Find(id)!, Array.Empty<double>());
        int width = spec.Definition.Outputs.Count;
        var bars = SpxFixture.RandomWalk(600, 11);
        var batch = new double[bars.Length * width];
        spec.Definition.Compute(spec.Parameters, bars, batch);

        var streaming = spec.CreateStreaming();
        Span<double> output = stackalloc double[width];
        foreach (var bar in bars.AsSpan(0, 300)) streaming.Add(bar, output);
        streaming.Reset();
        Assert.Equal(0, streaming.Count);
        Assert.False(streaming.IsReady);
        for (int i = 0; i < bars.Length; i++)
        {
            streaming.Add(bars[i], output);
            for (int o = 0; o < width; o++) AssertBits(batch[i * width + o], output[o], id, i, o);
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Each_output_starts_exactly_at_its_own_lookback(string id)
    {
        var spec = IndicatorSpec.Create(IndicatorCatalog.Default.Find(id)!, Array.Empty<double>());
        var streaming = spec.CreateStreaming();
        var lookbacks = spec.OutputLookbacks;
        Assert.Equal(lookbacks.Max(), spec.Lookback);
        Span<double> output = stackalloc double[spec.Definition.Outputs.Count];
        var bars = SpxFixture.Bars;
        for (int i = 0; i < 200; i++)
        {
            streaming.Add(bars[i], output);
            Assert.Equal(i >= spec.Lookback, streaming.IsReady);
            for (int o = 0; o < output.Length; o++)
                Assert.True(i >= lookbacks[o] == !double.IsNaN(output[o]), $"{id} output {o} at bar {i}: {output[o]} (first index {lookbacks[o]})");
        }
    }

    private static void AssertBits(double expected, double actual, string id, int bar, int output)
    {
        if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual) && !(double.IsNaN(expected) && double.IsNaN(actual)))
            Assert.Fail($"{id}: bar {bar} output {output}: batch {expected:R} vs streaming {actual:R}");
    }
}
