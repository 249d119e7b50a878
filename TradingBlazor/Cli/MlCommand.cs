using System.Diagnostics;
using System.Globalization;
using TradingBlazor.Domain.ML;
using TradingBlazor.Domain.Time;
using TradingBlazor.Engine.ML;
using TradingBlazor.Engine.ML.Lstm;
using TradingBlazor.Infrastructure.Configuration;

namespace TradingBlazor.Cli;

/// <summary>
/// <c>ml train --data bars.csv --symbol SPX --model forest|lstm|ensemble [--out DIR] [--seed 1] [--folds 5] [--horizon 1] [--from D] [--to D]</c>:
/// trains on the file's bars (New York dates from..to, inclusive) with purged walk-forward validation and writes model.json, metrics.json and the model
/// files to DIR, or without --out as the symbol's next version in the registry beside the configured database.
/// </summary>
public static class MlCommand
{
    public const string Usage = "ml train --data bars.csv --symbol SPX --model forest|lstm|ensemble [--out DIR] [--seed 1] [--folds 5] [--horizon 1] [--trees 100] [--window 30] [--epochs 8] [--lstm-trainer TradingBlazor.LstmTrainer.dll] [--from yyyy-MM-dd] [--to yyyy-MM-dd]";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout)
    {
        if (args.Length < 2 || args[1] != "train") throw new CliUsageException($"usage: {Usage}");
        var rest = args[2..];
        var options = new CliArguments(rest, new HashSet<string>());
        var dataPath = options.RequiredPath("data");
        var symbol = (options.Optional("symbol") ?? Path.GetFileNameWithoutExtension(dataPath.Full)).ToUpperInvariant();
        var type = options.Required("model").ToLowerInvariant() switch
        {
            "forest" => ModelType.Forest,
            "lstm" => ModelType.Lstm,
            "ensemble" => ModelType.Ensemble,
            var other => throw new CliUsageException($"--model must be forest, lstm or ensemble (got '{other}')"),
        };
        int seed = options.Int("seed", 1, 0, int.MaxValue);
        int folds = options.Int("folds", 5, 2, 20);
        int horizon = options.Int("horizon", 1, 1, 100);
        int trees = options.Int("trees", new ForestSettings().Trees, 1, 2000);
        var lstm = new LstmSettings();
        lstm = lstm with { Window = options.Int("window", lstm.Window, 2, 500), Epochs = options.Int("epochs", lstm.Epochs, 1, 1000) };
        var trainer = options.Optional("lstm-trainer");
        var outDir = options.OptionalPath("out");
        var from = Date(options.Optional("from"), "from");
        var to = Date(options.Optional("to"), "to");
        options.RejectUnknown();
        var bars = CliBars.ReadAll(dataPath.Existing("data"), symbol).Bars
            .Where(b => (from is null || MarketTime.EasternDate(b.StartUtc) >= from) && (to is null || MarketTime.EasternDate(b.StartUtc) <= to))
            .Select(b => b.ToOhlcv()).ToArray();

        var watch = Stopwatch.StartNew();
        TrainedModels models;
        try
        {
            models = ModelTrainer.Train(new TrainingRequest(symbol, bars, type, seed) { Folds = folds, Horizon = horizon, Forest = new ForestSettings(Trees: trees), Lstm = lstm, LstmTrainer = trainer,
                Log = line => stdout.WriteLine($"  lstm trainer: {line}") });
        }
        catch (ModelTrainingException ex)
        {
            throw new CliUsageException($"{Path.GetFileName(dataPath.Full)}: {ex.Message}");
        }
        double seconds = watch.Elapsed.TotalSeconds;

        ModelManifest manifest;
        string written;
        if (outDir is not null)
        {
            manifest = ModelFiles.Write(models, outDir.Full, version: 1, TimeProvider.System.GetUtcNow().UtcDateTime);
            written = outDir.Given;
        }
        else
        {
            await using var app = await CliHost.StartAsync(CliHost.ConfigurationArgs(rest), migrate: false);
            var registry = app.Services.GetRequiredService<ModelRegistry>();
            manifest = registry.Register(models);
            written = registry.VersionDirectory(symbol, manifest.Version);
        }
        models.Forest?.Dispose();
        models.Lstm?.Dispose();

        var m = models.Metrics;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{symbol} {type.ToString().ToLowerInvariant()}: {m.Rows:N0} rows {m.TrainFromUtc:yyyy-MM-dd}..{m.TrainToUtc:yyyy-MM-dd}, seed {seed}, trained in {seconds:F1} s"));
        stdout.WriteLine(m.Validation);
        foreach (var e in m.Models)
        {
            var o = e.OutOfSample;
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {e.Model,-9} out of sample: AUC {o.Auc:F3} · accuracy {o.Accuracy:P1} (up rate {o.UpRate:P1}) · Brier {o.Brier:F4} · {o.Count:N0} rows"));
        }
        foreach (var note in m.Notes.Where(n => n.StartsWith("lstm: not trained", StringComparison.Ordinal))) stdout.WriteLine($"note: {note}");
        var files = new[] { ModelFiles.ManifestFile, ModelFiles.MetricsFile }
            .Concat(models.Forest is null ? [] : [ModelFiles.ForestFile])
            .Concat(models.Lstm is null ? [] : [ModelFiles.OnnxFile, ModelFiles.WeightsFile]);
        stdout.WriteLine($"wrote {string.Join(", ", files)} to {written} (content hash {manifest.ContentHash[..16]})");
        return 0;
    }

    /// <summary>ml_ensemble strategies in this command read the registry the app uses (beside the default database), or the one named.</summary>
    public static void UseModels(CliPath? models) => DirectionModelSources.Default = models is not null
        ? new ModelRegistry(models.Full, TimeProvider.System)
        : ModelRegistry.BesideDatabase(new StorageSettings().DatabasePath, TimeProvider.System);

    private static DateOnly? Date(string? text, string name) => text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new CliUsageException($"--{name} must be a date like 2015-12-31 (got '{text}')");
}
