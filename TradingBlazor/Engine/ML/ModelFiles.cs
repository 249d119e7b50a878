using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using TradingBlazor.Domain.ML;
using TradingBlazor.Domain.ML.Features;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Engine.ML.Lstm;

namespace TradingBlazor.Engine.ML;

/// <summary>model.json: what a model folder holds, what it was trained on, and the hash of its content.</summary>
public sealed record ModelManifest(
    int FormatVersion, string Symbol, int Version, ModelType Type, DateTime CreatedUtc, DateTime TrainFromUtc, DateTime TrainToUtc,
    int Rows, int Seed, FeatureSpec Features, ForestSettings? Forest, PlattCalibrator? ForestCalibration, PlattCalibrator? MomentumCalibration,
    string ContentHash)
{
    public const int CurrentFormat = 1;

    /// <summary>The LSTM's settings (its window among them); null when the set has no LSTM.</summary>
    public LstmSettings? Lstm { get; init; }

    public PlattCalibrator? LstmCalibration { get; init; }

    [JsonIgnore]
    public ModelInfo Info => new(Symbol, Version, Features, TrainFromUtc, TrainToUtc, Seed, ContentHash);
}

/// <summary>
/// A model folder: <c>model.json</c> (manifest), <c>metrics.json</c> (validation), <c>forest.zip</c> (ML.NET), and for
/// an LSTM <c>lstm.onnx</c> (what predicts, in ONNX Runtime) beside <c>lstm.weights</c> (the TorchSharp network).
/// The content hash covers what predicts — the forest's entries (not the zip's timestamps), the ONNX graph, the
/// calibrators, the feature spec, the settings and the seed — so the same data and seed give the same hash on any day.
/// </summary>
public static class ModelFiles
{
    public const string ManifestFile = "model.json", MetricsFile = "metrics.json", ForestFile = "forest.zip",
        OnnxFile = LstmExchange.OnnxFile, WeightsFile = LstmExchange.WeightsFile;

    public static readonly JsonSerializerOptions Json = new(BotConfig.Json)
    {
        // AUC is NaN when a test block holds one class only; say so instead of failing to write.
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static ModelManifest Write(TrainedModels models, string directory, int version, DateTime createdUtc)
    {
        Directory.CreateDirectory(directory);
        var forestPath = Path.Combine(directory, ForestFile);
        models.Forest?.Save(forestPath);
        if (models.Lstm is { } lstm)
        {
            File.WriteAllBytes(Path.Combine(directory, OnnxFile), lstm.Onnx);
            if (models.LstmWeights is { } weights) File.WriteAllBytes(Path.Combine(directory, WeightsFile), weights);
        }
        var m = models.Metrics;
        var manifest = new ModelManifest(ModelManifest.CurrentFormat, m.Symbol, version, m.Model, createdUtc, m.TrainFromUtc, m.TrainToUtc,
            m.Rows, m.Seed, models.Spec, models.Forest is null ? null : models.Settings, models.Forest?.Calibrator, models.Momentum, "")
        {
            Lstm = models.Lstm is null ? null : models.LstmSettings,
            LstmCalibration = models.Lstm?.Calibrator,
        };
        manifest = manifest with { ContentHash = Hash(manifest, directory) };
        File.WriteAllText(Path.Combine(directory, ManifestFile), JsonSerializer.Serialize(manifest, Json));
        File.WriteAllText(Path.Combine(directory, MetricsFile), JsonSerializer.Serialize(m, Json));
        return manifest;
    }

    public static ModelManifest ReadManifest(string directory) =>
        JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(Path.Combine(directory, ManifestFile)), Json)
        ?? throw new InvalidDataException($"{ManifestFile} is empty");

    /// <summary>Loads a model folder after checking its hash; throws with the reason when it cannot be used.</summary>
    public static LoadedModels Load(string directory)
    {
        var manifest = ReadManifest(directory);
        if (manifest.FormatVersion != ModelManifest.CurrentFormat) throw new InvalidDataException($"model format {manifest.FormatVersion} is not {ModelManifest.CurrentFormat}");
        var hash = Hash(manifest, directory);
        if (hash != manifest.ContentHash) throw new InvalidDataException($"content hash {hash[..12]} does not match the manifest's {manifest.ContentHash[..Math.Min(12, manifest.ContentHash.Length)]}");
        var members = new List<IDirectionModel>();
        if (manifest.LstmCalibration is { } lstm)
            members.Add(LstmModel.Load(Path.Combine(directory, OnnxFile), (manifest.Lstm ?? new LstmSettings()).Window, manifest.Features.Count, lstm));
        if (manifest.ForestCalibration is { } forest)
            members.Add(ForestModel.Load(Path.Combine(directory, ForestFile), manifest.Features.Count, forest));
        if (manifest.MomentumCalibration is { } momentum) members.Add(new MomentumModel(momentum));
        return new LoadedModels(manifest.Info, members, null);
    }

    /// <summary>SHA-256 over the predicting content, hex.</summary>
    public static string Hash(ModelManifest manifest, string directory)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var predicting = new { manifest.Type, manifest.Seed, manifest.Features, manifest.Forest, manifest.ForestCalibration, manifest.MomentumCalibration };
        sha.AppendData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(predicting, Json)));
        var forestPath = Path.Combine(directory, ForestFile);
        if (manifest.ForestCalibration is not null)
        {
            using var zip = ZipFile.OpenRead(forestPath);
            foreach (var entry in zip.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                sha.AppendData(Encoding.UTF8.GetBytes(entry.FullName));
                using var content = entry.Open();
                var buffer = new MemoryStream();
                content.CopyTo(buffer);
                sha.AppendData(buffer.ToArray());
            }
        }
        if (manifest.LstmCalibration is not null)
        {
            // Apart from the fields above, so that a model set without an LSTM keeps the hash it was written with.
            sha.AppendData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { manifest.Lstm, manifest.LstmCalibration }, Json)));
            var onnx = Path.Combine(directory, OnnxFile);
            if (!File.Exists(onnx)) throw new InvalidDataException($"{OnnxFile} is missing");
            sha.AppendData(File.ReadAllBytes(onnx));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
