using TradingBlazor.Domain.ML;
using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Data.Entities;

/// <summary>Every signal a bot raises, executed or not, with the values that produced it.</summary>
public sealed class SignalRecord : IBotRecord
{
    public long Id { get; set; }
    public long? BotId { get; set; }
    public required string Symbol { get; set; }
    public DateTime Timestamp { get; set; }
    public SignalAction Action { get; set; }
    /// <summary>0..1; hybrid bots execute at or above their threshold and queue the rest for approval.</summary>
    public double Confidence { get; set; }
    /// <summary>The rule or strategy that fired.</summary>
    public string? Source { get; set; }
    public Dictionary<string, double?> Values { get; set; } = new();
    public bool Executed { get; set; }
    /// <summary>What became of it: e.g. a risk rejection reason or "awaiting approval".</summary>
    public string? Outcome { get; set; }
    /// <summary>The order it produced (or would produce once approved).</summary>
    public string? ClientOrderId { get; set; }
    /// <summary>An ML signal's model ("SPX v3"), null for rules; with the hash of its features and the label horizon in bars.</summary>
    public string? PredictionModel { get; set; }
    public string? FeaturesHash { get; set; }
    public int? LabelHorizon { get; set; }
    /// <summary>Whether the close <see cref="LabelHorizon"/> bars later was above the signal bar's; null until known.</summary>
    public bool? ActualUp { get; set; }

    public MlPrediction? Prediction() =>
        PredictionModel is null ? null : new MlPrediction(PredictionModel, FeaturesHash ?? "", LabelHorizon ?? 1) { ActualUp = ActualUp };
}
