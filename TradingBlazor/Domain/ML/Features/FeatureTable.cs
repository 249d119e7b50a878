using TradingBlazor.Domain.Indicators.Framework;
using TradingBlazor.Domain.Indicators.Registry;
using TradingBlazor.Domain.Strategies;
using TradingBlazor.Domain.Strategies.Rules;

namespace TradingBlazor.Domain.ML.Features;

/// <summary>
/// A training set: one row per bar whose features are ready and whose label is known, in time order.
/// <see cref="BarIndex"/> maps a row back to its bar, so validation can purge rows whose label overlaps a test block.
/// </summary>
public sealed class FeatureTable
{
    private FeatureTable(FeatureSpec spec, float[][] features, bool[] labels, int[] barIndex, DateTime[] timesUtc)
    {
        Spec = spec;
        Features = features;
        Labels = labels;
        BarIndex = barIndex;
        TimesUtc = timesUtc;
    }

    public FeatureSpec Spec { get; }
    public float[][] Features { get; }
    public bool[] Labels { get; }
    public int[] BarIndex { get; }
    public DateTime[] TimesUtc { get; }
    public int Count => Labels.Length;

    /// <summary>The indicator frame the live strategy runs with for this spec (the same streaming code).</summary>
    public static (IndicatorFrame Frame, FeatureExtractor Extractor) NewPipeline(FeatureSpec spec)
    {
        var variables = new RuleVariables(spec.Indicators.Select(t => IndicatorSpec.Parse(t, IndicatorCatalog.Default)).ToList());
        return (new IndicatorFrame(variables, atrPeriod: 14), new FeatureExtractor(variables));
    }

    /// <summary>
    /// Features for every bar, computed bar by bar as a live bot would (null while warming up). Row i reads bars 0..i only.
    /// </summary>
    public static float[]?[] Stream(IReadOnlyList<Ohlcv> bars, FeatureSpec spec)
    {
        var (frame, extractor) = NewPipeline(spec);
        var rows = new float[]?[bars.Count];
        var buffer = new float[spec.Count];
        for (int i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            frame.Update(in bar);
            if (extractor.Next(frame, DateTime.UnixEpoch.AddMilliseconds(bar.TimeMs), buffer)) rows[i] = (float[])buffer.Clone();
        }
        return rows;
    }

    public static FeatureTable Build(IReadOnlyList<Ohlcv> bars, FeatureSpec spec)
    {
        var streamed = Stream(bars, spec);
        var features = new List<float[]>();
        var labels = new List<bool>();
        var index = new List<int>();
        for (int i = 0; i + spec.LabelHorizon < bars.Count; i++)
        {
            if (streamed[i] is not { } row) continue;
            features.Add(row);
            labels.Add(bars[i + spec.LabelHorizon].Close > bars[i].Close);
            index.Add(i);
        }
        var times = index.Select(i => DateTime.UnixEpoch.AddMilliseconds(bars[i].TimeMs)).ToArray();
        return new FeatureTable(spec, features.ToArray(), labels.ToArray(), index.ToArray(), times);
    }

    /// <summary>The same rows with other labels (the permutation check).</summary>
    public FeatureTable WithLabels(bool[] labels) => labels.Length == Count
        ? new FeatureTable(Spec, Features, labels, BarIndex, TimesUtc)
        : throw new ArgumentException($"Expected {Count} labels, got {labels.Length}.", nameof(labels));
}
