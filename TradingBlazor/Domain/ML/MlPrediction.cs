namespace TradingBlazor.Domain.ML;

/// <summary>
/// What an ML signal predicted, kept with the signal: the model (symbol and version), a hash of the feature vector it
/// read, and the label horizon in bars. The probabilities are the signal's values: each member's
/// (<c>p_forest</c>, <c>p_momentum</c>, <c>p_lstm</c>) and the ensemble's (<c>p_up</c>). <see cref="ActualUp"/> is
/// filled in once the close <see cref="Horizon"/> bars later is known.
/// </summary>
public sealed record MlPrediction(string Model, string FeaturesHash, int Horizon)
{
    public const string EnsembleKey = "p_up", MemberPrefix = "p_";

    /// <summary>The close <see cref="Horizon"/> bars after the signal's bar was above its close; null until known.</summary>
    public bool? ActualUp { get; init; }

    /// <summary>The probabilities among a signal's values by model: each member by its kind, and "ensemble".</summary>
    public static IEnumerable<(string Model, double Probability)> Probabilities(IEnumerable<KeyValuePair<string, double?>> values) =>
        values.Where(kv => kv.Key.StartsWith(MemberPrefix, StringComparison.Ordinal) && kv.Value is not null)
            .Select(kv => (kv.Key == EnsembleKey ? "ensemble" : kv.Key[MemberPrefix.Length..], kv.Value!.Value));

    /// <summary>A probability calls up at 0.5 or more (as the validation's accuracy counts it); a hit when the close agreed.</summary>
    public static bool Hit(double probability, bool actualUp) => probability >= 0.5 == actualUp;

    /// <summary>The first 16 hex digits of SHA-256 over the features' bytes: the same vector, the same hash.</summary>
    public static string HashOf(ReadOnlySpan<float> features) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(features)))[..16];
}
