using System.Globalization;
using TradingBlazor.Engine.ML;

namespace TradingBlazor.Components.Models;

/// <summary>How the Models page writes validation figures: a value without a meaning (one class only) is an em dash.</summary>
public static class ModelFigures
{
    public static string Score(double value, string format = "0.000") =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "—";

    public static string Percent(double fraction) => double.IsFinite(fraction) ? (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    public static string Date(DateTime utc) => utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string TypeName(ModelType type) => type.ToString().ToLowerInvariant();

    /// <summary>The headline AUC of a model: the ensemble's when there is one, else the first model's.</summary>
    public static ModelEvaluation? Headline(TrainingMetrics? metrics) =>
        metrics?.Models.FirstOrDefault(m => m.Model == "ensemble") ?? metrics?.Models.FirstOrDefault();
}
