using TradingBlazor.Domain.Indicators.Framework;
using TradingBlazor.Domain.ML.Features;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.ML;

/// <summary>The features are the streaming indicators' values at each close, and nothing later.</summary>
public class FeatureTests
{
    private static readonly FeatureSpec Spec = FeatureSpec.Current();

    [Fact]
    public void Corrupting_future_bars_changes_no_earlier_feature()
    {
        var bars = SpxFixture.Bars[..1500];
        const int cut = 900;
        var corrupted = bars.ToArray();
        var random = new Random(3);
        for (int i = cut; i < corrupted.Length; i++)
        {
            double c = 50 + random.NextDouble() * 5000;
            corrupted[i] = corrupted[i] with { Open = c, High = c * 1.1, Low = c * 0.9, Close = c, Volume = random.Next(1, 1_000_000_000) };
        }
        var clean = FeatureTable.Stream(bars, Spec);
        var dirty = FeatureTable.Stream(corrupted, Spec);
        for (int i = 0; i < cut; i++)
            Assert.Equal(clean[i], dirty[i]);
        Assert.Contains(Enumerable.Range(cut, bars.Length - cut), i => !clean[i]!.SequenceEqual(dirty[i]!));
    }

    [Fact]
    public void Features_are_the_reference_indicator_values_at_each_close()
    {
        var rows = FeatureTable.Stream(SpxFixture.Bars, Spec);
        var rsi = SpxFixture.ReadReference("rsi_14.csv")["rsi"];
        var atr = SpxFixture.ReadReference("atr_14.csv")["atr"];
        var hist = SpxFixture.ReadReference("macd_12_26_9.csv")["hist"];
        int ready = Array.FindIndex(rows, r => r is not null);
        Assert.Equal(33, ready); // MACD's signal line is the last to warm up
        for (int i = ready; i < rows.Length; i++)
        {
            var f = rows[i]!;
            double close = SpxFixture.Bars[i].Close;
            Assert.Equal((rsi[i] - 50) / 50, f[3], 1e-6);
            Assert.Equal(hist[i] / close * 100, f[4], 1e-6);
            Assert.Equal(atr[i] / close, f[6], 1e-7);
            Assert.Equal(close / SpxFixture.Bars[i - 1].Close - 1, f[0], 1e-7);
            Assert.Equal(0, f[8]); // daily bars start at the open
        }
    }

    [Fact]
    public void Label_is_the_direction_of_the_close_horizon_bars_later()
    {
        var bars = SpxFixture.Bars[..400];
        var table = FeatureTable.Build(bars, FeatureSpec.Current(horizon: 3));
        Assert.Equal(bars.Length - 3 - 33, table.Count);
        for (int r = 0; r < table.Count; r++)
        {
            int i = table.BarIndex[r];
            Assert.Equal(bars[i + 3].Close > bars[i].Close, table.Labels[r]);
        }
    }

    [Fact]
    public void Volume_z_score_is_zero_for_flat_volume_and_signed_for_a_spike()
    {
        var bars = Enumerable.Range(0, 60).Select(i => new Ohlcv(i * 86_400_000L, 100 + i, 101 + i, 99 + i, 100.5 + i, i == 59 ? 5000 : 1000)).ToArray();
        var rows = FeatureTable.Stream(bars, Spec);
        Assert.Equal(0, rows[58]![7]);
        Assert.True(rows[59]![7] > 4);
    }
}
