using TradingBlazor.Domain.Indicators.Primitives;
using TradingBlazor.Domain.Strategies;
using TradingBlazor.Domain.Strategies.Rules;
using TradingBlazor.Domain.Time;

namespace TradingBlazor.Domain.ML.Features;

/// <summary>
/// Turns one symbol's <see cref="IndicatorFrame"/> after each closed bar into the <see cref="FeatureSpec.Current"/>
/// vector. Training feeds bars through the same frame and this class, so a model sees exactly what the live bot sees.
/// Call <see cref="Next"/> once per closed bar, in order (the volume statistics keep a 20-bar window).
/// </summary>
public sealed class FeatureExtractor
{
    public const int VolumeWindow = 20;
    private const double SessionMinutes = 390;
    private static readonly TimeSpan SessionOpen = new(9, 30, 0);

    private readonly int _roc1, _roc5, _roc20, _rsi, _hist, _percentB, _atr;
    private RollingSum _volume = new(VolumeWindow), _volumeSquares = new(VolumeWindow);

    public FeatureExtractor(RuleVariables variables)
    {
        _roc1 = Slot(variables, "roc_1");
        _roc5 = Slot(variables, "roc_5");
        _roc20 = Slot(variables, "roc_20");
        _rsi = Slot(variables, "rsi_14");
        _hist = Slot(variables, "macd_12_26_9_hist");
        _percentB = Slot(variables, "bbands_20_2_percent_b");
        _atr = Slot(variables, "atr_14");
    }

    public static int Count => FeatureSpec.Current().Count;

    private static int Slot(RuleVariables variables, string column) => variables.TryGetSlot(column, out var slot)
        ? slot
        : throw new ArgumentException($"The indicator frame lacks '{column}'; add the feature spec's indicators.", nameof(variables));

    /// <summary>Writes the features of the bar just added to <paramref name="frame"/>; false while any is still warming up.</summary>
    public bool Next(IndicatorFrame frame, DateTime barStartUtc, Span<float> features)
    {
        var v = frame.Values;
        double close = v[3], volume = v[4];
        double sum = _volume.Step(volume, true), squares = _volumeSquares.Step(volume * volume, true);
        double mean = sum / VolumeWindow;
        double variance = squares / VolumeWindow - mean * mean;
        double volumeZ = double.IsNaN(sum) ? double.NaN
            : variance > 1e-12 * Math.Max(1, mean * mean) ? (volume - mean) / Math.Sqrt(variance) : 0;
        features[0] = (float)(v[_roc1] / 100);
        features[1] = (float)(v[_roc5] / 100);
        features[2] = (float)(v[_roc20] / 100);
        features[3] = (float)((v[_rsi] - 50) / 50);
        features[4] = (float)(close > 0 ? v[_hist] / close * 100 : double.NaN);
        features[5] = (float)v[_percentB];
        features[6] = (float)(close > 0 ? v[_atr] / close : double.NaN);
        features[7] = (float)volumeZ;
        features[8] = (float)SessionPosition(barStartUtc);
        foreach (var f in features[..Count])
            if (!float.IsFinite(f)) return false;
        return true;
    }

    private static double SessionPosition(DateTime barStartUtc)
    {
        double minutes = (MarketTime.ToEastern(barStartUtc).TimeOfDay - SessionOpen).TotalMinutes;
        return Math.Clamp(minutes / SessionMinutes, 0, 1);
    }
}
