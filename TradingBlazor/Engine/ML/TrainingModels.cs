using TradingBlazor.Domain.Indicators.Framework;
using TradingBlazor.Domain.ML;
using TradingBlazor.Domain.ML.Features;
using TradingBlazor.Domain.ML.Validation;
using TradingBlazor.Engine.ML.Lstm;

namespace TradingBlazor.Engine.ML;

/// <summary>What <c>ml train</c> builds: one model or the ensemble (forest + momentum, and the LSTM where it is trained).</summary>
public enum ModelType
{
    Forest,
    Lstm,
    Ensemble,
}

public sealed record TrainingRequest(string Symbol, IReadOnlyList<Ohlcv> Bars, ModelType Type, int Seed)
{
    public int Folds { get; init; } = 5;
    public int Horizon { get; init; } = 1;
    public ForestSettings Forest { get; init; } = new();
    public LstmSettings Lstm { get; init; } = new();

    /// <summary>Whether an ensemble includes the LSTM (when its trainer is available; without, forest + momentum).</summary>
    public bool IncludeLstm { get; init; } = true;

    /// <summary>The LSTM trainer's DLL; null: <see cref="LstmTrainerProcess.Locate"/> finds it.</summary>
    public string? LstmTrainer { get; init; }

    /// <summary>The LSTM trainer's progress lines (fold, epoch, loss).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Told the share of the work done (0..1) after each validation fold and the final fit.</summary>
    public IProgress<double>? Progress { get; init; }
}

/// <summary>A validation fold's time ranges (training rows end before the test block, purged by the label horizon).</summary>
public sealed record FoldRange(int Index, DateTime TrainFromUtc, DateTime TrainToUtc, DateTime TestFromUtc, DateTime TestToUtc, int TrainRows, int TestRows);

/// <summary>One model's (or the ensemble's) out-of-sample scores over the evaluated folds.</summary>
public sealed record ModelEvaluation(string Model, ClassifierMetrics OutOfSample);

/// <summary>metrics.json: how the model was validated and how it did, out of sample only.</summary>
public sealed record TrainingMetrics(
    string Symbol, ModelType Model, int Seed, DateTime TrainFromUtc, DateTime TrainToUtc, int Rows, int LabelHorizon,
    string Validation, IReadOnlyList<FoldRange> Folds, IReadOnlyList<ModelEvaluation> Models)
{
    /// <summary>What the figures do not say: a member not trained and why, how the LSTM was trained.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>A trained model set before it is written: the calibrated members and their validation.</summary>
public sealed record TrainedModels(FeatureSpec Spec, TrainingMetrics Metrics, ForestSettings Settings, ForestModel? Forest, PlattCalibrator? Momentum)
{
    public LstmModel? Lstm { get; init; }
    public LstmSettings? LstmSettings { get; init; }

    /// <summary>The final network's TorchSharp weights (the ONNX graph is what predicts).</summary>
    public byte[]? LstmWeights { get; init; }

    /// <summary>The final network's logit per table row in TorchSharp (NaN without a full window): ONNX must agree.</summary>
    public double[]? LstmTorchScores { get; init; }

    /// <summary>The trainer's trainer.json: seconds, peak RSS, each fold's loss.</summary>
    public string? LstmTrainerReport { get; init; }

    public IReadOnlyList<IDirectionModel> Members => new IDirectionModel?[] { Lstm, Forest, Momentum is { } m ? new MomentumModel(m) : null }
        .OfType<IDirectionModel>().ToArray();
}

/// <summary>Training cannot start (too little data, an unsupported model type); the message says what to change.</summary>
public sealed class ModelTrainingException(string message) : Exception(message);
