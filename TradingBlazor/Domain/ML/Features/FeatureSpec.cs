using System.Text.Json.Serialization;

namespace TradingBlazor.Domain.ML.Features;

/// <summary>
/// What a model was trained on: the feature names in vector order, the indicators they are read from, and the label.
/// A model only predicts with the spec it was trained with (the version changes whenever a feature's meaning does).
/// </summary>
public sealed record FeatureSpec(int Version, IReadOnlyList<string> Names, IReadOnlyList<string> Indicators, int LabelHorizon, string Label)
{
    /// <summary>
    /// Version 1, every value known at the close of the bar it belongs to:
    /// <list type="bullet">
    /// <item><c>ret_1</c>, <c>ret_5</c>, <c>ret_20</c>: close-to-close returns over 1, 5 and 20 bars (roc / 100).</item>
    /// <item><c>rsi</c>: (RSI(14) − 50) / 50, in −1..1.</item>
    /// <item><c>macd_hist</c>: MACD(12,26,9) histogram as a percentage of the close (scale-free across prices).</item>
    /// <item><c>percent_b</c>: Bollinger %B(20, 2): 0 at the lower band, 1 at the upper.</item>
    /// <item><c>atr_pct</c>: ATR(14) / close.</item>
    /// <item><c>volume_z</c>: (volume − mean) / standard deviation over the last 20 bars (0 when volume is flat).</item>
    /// <item><c>session_position</c>: minutes from the 09:30 New York open to the bar's start / 390, clamped to 0..1
    /// (0 for daily bars, which start at the open).</item>
    /// </list>
    /// Label: 1 when the close <see cref="LabelHorizon"/> bars later is above this bar's close, else 0.
    /// </summary>
    public static FeatureSpec Current(int horizon = 1) => new(
        1,
        new[] { "ret_1", "ret_5", "ret_20", "rsi", "macd_hist", "percent_b", "atr_pct", "volume_z", "session_position" },
        new[] { "roc(1)", "roc(5)", "roc(20)", "rsi(14)", "macd(12,26,9)", "bbands(20,2)", "atr(14)" },
        horizon,
        $"close {horizon} bar(s) later > close");

    [JsonIgnore]
    public int Count => Names.Count;
}
