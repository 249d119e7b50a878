using TradingBlazor.Domain.ML.Features;

namespace TradingBlazor.Domain.ML;

/// <summary>The ensemble's members.</summary>
public enum ModelKind
{
    Lstm,
    Forest,
    Momentum,
}

/// <summary>
/// A trained model: the calibrated probability that the label is up, from the last <see cref="Window"/> feature
/// vectors (oldest first, concatenated; one vector for a model that reads only the latest bar).
/// </summary>
public interface IDirectionModel
{
    ModelKind Kind { get; }

    /// <summary>How many consecutive feature vectors a prediction reads (1: the latest bar's only).</summary>
    int Window => 1;

    double Probability(ReadOnlySpan<float> features);
}

/// <summary>Which model a prediction comes from and what it was trained on (a bar inside the training range is in-sample).</summary>
public sealed record ModelInfo(string Symbol, int Version, FeatureSpec Features, DateTime TrainFromUtc, DateTime TrainToUtc, int Seed, string ContentHash)
{
    public string Name => $"{Symbol} v{Version}";
}

/// <summary>A model set as loaded, or why there is none (the strategy then falls back to the bot's rules).</summary>
public sealed record LoadedModels(ModelInfo? Info, IReadOnlyList<IDirectionModel> Models, string? Problem)
{
    public static LoadedModels Missing(string problem) => new(null, Array.Empty<IDirectionModel>(), problem);
}

/// <summary>Where strategies find trained models (the model registry beside the database).</summary>
public interface IDirectionModelSource
{
    /// <summary>The model set of a symbol; version 0 means the newest.</summary>
    LoadedModels Load(string symbol, int version);
}

/// <summary>
/// The source strategies created from the static plug-in registry use; the host points it at the model registry at
/// start-up. Until then every ML bot falls back to its rules, saying why.
/// </summary>
public static class DirectionModelSources
{
    public static IDirectionModelSource Default { get; set; } = new Unconfigured();

    private sealed class Unconfigured : IDirectionModelSource
    {
        public LoadedModels Load(string symbol, int version) => LoadedModels.Missing("no model registry is configured");
    }
}

/// <summary>The momentum score as a model: its raw score through its fitted calibrator.</summary>
public sealed class MomentumModel(PlattCalibrator calibrator) : IDirectionModel
{
    public ModelKind Kind => ModelKind.Momentum;

    public double Probability(ReadOnlySpan<float> features) => calibrator.Probability(MomentumScore.Raw(features));
}
