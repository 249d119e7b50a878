using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using TradingBlazor.Domain.ML;

namespace TradingBlazor.Engine.ML;

/// <summary>Random-forest settings (ML.NET FastForest). One thread: the same seed then gives the same trees.</summary>
public sealed record ForestSettings(int Trees = 100, int Leaves = 16, int MinLeafRows = 20, double FeatureFraction = 0.7);

/// <summary>
/// The random forest: ML.NET's FastForest on the feature vector, its raw score mapped to a probability by a Platt
/// calibrator fitted on out-of-fold scores. Not thread-safe (a prediction engine per instance): one per bot.
/// </summary>
public sealed class ForestModel : IDirectionModel, IDisposable
{
    private sealed class Row
    {
        public float[] Features { get; set; } = Array.Empty<float>();
        public bool Label { get; set; }
    }

    private sealed class Output
    {
        public float Score { get; set; }
    }

    private readonly PredictionEngine<Row, Output> _engine;
    private readonly Row _row;

    private ForestModel(MLContext ml, ITransformer model, int featureCount, PlattCalibrator calibrator)
    {
        Transformer = model;
        Calibrator = calibrator;
        _row = new Row { Features = new float[featureCount] };
        _engine = ml.Model.CreatePredictionEngine<Row, Output>(model, inputSchemaDefinition: Schema(featureCount));
    }

    public ModelKind Kind => ModelKind.Forest;
    public ITransformer Transformer { get; }
    public PlattCalibrator Calibrator { get; }

    public static ForestModel Train(IReadOnlyList<float[]> features, IReadOnlyList<bool> labels, int seed, ForestSettings settings)
    {
        int width = features[0].Length;
        var ml = new MLContext(seed);
        var rows = features.Select((f, i) => new Row { Features = f, Label = labels[i] });
        var data = ml.Data.LoadFromEnumerable(rows, Schema(width));
        var trainer = ml.BinaryClassification.Trainers.FastForest(new FastForestBinaryTrainer.Options
        {
            NumberOfTrees = settings.Trees,
            NumberOfLeaves = settings.Leaves,
            MinimumExampleCountPerLeaf = settings.MinLeafRows,
            FeatureFraction = settings.FeatureFraction,
            Seed = seed,
            NumberOfThreads = 1,
        });
        return new ForestModel(ml, trainer.Fit(data), width, PlattCalibrator.Uninformed);
    }

    /// <summary>The same trees with a calibrator.</summary>
    public ForestModel WithCalibrator(PlattCalibrator calibrator) => new(new MLContext(), Transformer, _row.Features.Length, calibrator);

    /// <summary>The forest's own score (mean tree output), before calibration.</summary>
    public double RawScore(ReadOnlySpan<float> features)
    {
        features.CopyTo(_row.Features);
        return _engine.Predict(_row).Score;
    }

    public double Probability(ReadOnlySpan<float> features) => Calibrator.Probability(RawScore(features));

    public void Save(string path)
    {
        using var stream = File.Create(path);
        new MLContext().Model.Save(Transformer, DataViewSchemaFor(_row.Features.Length), stream);
    }

    public static ForestModel Load(string path, int featureCount, PlattCalibrator calibrator)
    {
        var ml = new MLContext();
        using var stream = File.OpenRead(path);
        return new ForestModel(ml, ml.Model.Load(stream, out _), featureCount, calibrator);
    }

    public void Dispose() => _engine.Dispose();

    private static SchemaDefinition Schema(int width)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return schema;
    }

    private static DataViewSchema DataViewSchemaFor(int width)
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(nameof(Row.Features), new VectorDataViewType(NumberDataViewType.Single, width));
        builder.AddColumn(nameof(Row.Label), BooleanDataViewType.Instance);
        return builder.ToSchema();
    }
}
