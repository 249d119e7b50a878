using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Domain.Strategies;

/// <summary>What a strategy asks for on a closed bar, with the values that produced it (stored with every signal).</summary>
public sealed record Signal(string Symbol, DateTime TimeUtc, SignalAction Action, double Confidence, string Source, IReadOnlyDictionary<string, double> Values)
{
    /// <summary>What an ML strategy predicted (stored with the signal; its outcome is filled in later).</summary>
    public ML.MlPrediction? Prediction { get; init; }
}
