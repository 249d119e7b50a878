using TradingBlazor.Domain.ML;
using TradingBlazor.Domain.ML.Features;
using TradingBlazor.Domain.Strategies;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Engine.ML;
using TradingBlazor.Engine.ML.Lstm;

namespace TradingBlazor.Tests.ML;

/// <summary>
/// The LSTM end to end: its trainer (a separate process with the patched libtorch glue) learns a planted pattern and not
/// permuted labels, a seed pins it, its ONNX graph agrees with TorchSharp, and the registry and ml_ensemble serve it,
/// or fall back to the rules with the reason. Small networks and few epochs keep it quick.
/// </summary>
public class LstmTests
{
    private static readonly LstmSettings Small = new(Window: 10, Epochs: 3);

    private static TrainingRequest Request(Domain.Indicators.Framework.Ohlcv[] bars, ModelType type, int seed = 5) =>
        new("TEST", bars, type, seed) { Forest = HonestyTests.SmallForest, Folds = 3, Lstm = Small };

    /// <summary>One ensemble with an LSTM, shared by the tests that only read it.</summary>
    private static readonly Lazy<TrainedModels> Ensemble = new(() => ModelTrainer.Train(Request(MlSeries.Planted(700, seed: 8)[..500], ModelType.Ensemble)));

    private static double Auc(TrainedModels models, string model) => models.Metrics.Models.Single(m => m.Model == model).OutOfSample.Auc;

    [Fact]
    public void The_trainer_loads_libtorch_through_the_patched_glue_library()
    {
        var trainer = LstmTrainerProcess.Locate(null, out var problem);
        Assert.True(trainer is not null, problem);
        Assert.Contains("libtorch 2.10.0", trainer.Check());
    }

    [Fact]
    public void Onnx_and_TorchSharp_agree_on_the_same_windows()
    {
        var models = Ensemble.Value;
        var lstm = models.Lstm!;
        var torch = models.LstmTorchScores!;
        var rows = FeatureTable.Build(MlSeries.Planted(700, seed: 8)[..500], models.Spec).Features;
        var windowed = Enumerable.Range(0, rows.Length).Where(r => !double.IsNaN(torch[r])).ToArray();
        Assert.True(windowed.Length > 300, $"{windowed.Length} windows");
        var onnx = lstm.RawScores(windowed.SelectMany(r => lstm.WindowOf(rows, r)).ToArray(), windowed.Length);
        double worst = windowed.Select((r, i) => Math.Abs(onnx[i] - torch[r])).Max();
        Assert.True(worst <= 1e-6, $"largest logit difference {worst:E2}");
        Assert.Equal(onnx[^1], lstm.RawScore(lstm.WindowOf(rows, windowed[^1])));
    }

    [Fact]
    public void Corrupting_future_bars_changes_no_earlier_lstm_prediction()
    {
        var bars = MlSeries.Planted(700, seed: 8);
        const int cut = 620;
        var corrupted = bars.ToArray();
        for (int i = cut; i < corrupted.Length; i++) corrupted[i] = corrupted[i] with { Close = corrupted[i].Close * (i % 2 == 0 ? 1.5 : 0.5), Volume = 1 };
        var clean = HonestyTests.Predictions(bars, Ensemble.Value);
        var dirty = HonestyTests.Predictions(corrupted, Ensemble.Value);
        Assert.True(clean.Take(cut).Count(p => !double.IsNaN(p)) > 80);
        for (int i = 0; i < cut; i++) Assert.Equal(clean[i], dirty[i]);
        Assert.Contains(Enumerable.Range(cut, bars.Length - cut), i => clean[i] != dirty[i]);
    }

    [Fact]
    public void The_lstm_finds_a_planted_pattern_and_permuted_labels_give_a_coin_flip()
    {
        var bars = MlSeries.Planted(1200, seed: 1, drift: 0.008);
        var request = Request(bars, ModelType.Lstm) with { Lstm = Small with { Epochs = 6 } };
        var found = ModelTrainer.Train(request);
        Assert.Equal(new[] { "lstm" }, found.Metrics.Models.Select(m => m.Model));
        Assert.True(Auc(found, "lstm") > 0.6, $"planted: AUC {Auc(found, "lstm"):F3}");

        var table = FeatureTable.Build(bars, FeatureSpec.Current());
        var shuffled = table.Labels.ToArray();
        new Random(9).Shuffle(shuffled);
        var permuted = ModelTrainer.Train(request, table.WithLabels(shuffled));
        Assert.InRange(Auc(permuted, "lstm"), 0.42, 0.58);
    }

    [Fact]
    public void The_same_seed_gives_the_same_lstm_hash_and_another_seed_another()
    {
        var bars = MlSeries.Planted(450, seed: 3);
        using var dir = new TempDirectory();
        string HashFor(int seed, string name) => ModelFiles.Write(ModelTrainer.Train(Request(bars, ModelType.Lstm, seed) with { Folds = 2, Lstm = Small with { Epochs = 1 } }),
            Path.Combine(dir.Path, name), 1, DateTime.UnixEpoch).ContentHash;
        var first = HashFor(4, "a");
        Assert.Equal(first, HashFor(4, "b"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir.Path, "a", ModelFiles.OnnxFile)), File.ReadAllBytes(Path.Combine(dir.Path, "b", ModelFiles.OnnxFile)));
        Assert.NotEqual(first, HashFor(5, "c"));
    }

    [Fact]
    public void The_registry_loads_an_lstm_and_ml_ensemble_weighs_it_half()
    {
        using var dir = new TempDirectory();
        var registry = new ModelRegistry(dir.Path, TimeProvider.System);
        registry.Register(Ensemble.Value);
        foreach (var file in new[] { ModelFiles.OnnxFile, ModelFiles.WeightsFile, ModelFiles.ForestFile })
            Assert.True(File.Exists(Path.Combine(registry.VersionDirectory("TEST", 1), file)), file);
        var loaded = registry.Load("TEST", 0);
        Assert.Null(loaded.Problem);
        Assert.Equal(new[] { ModelKind.Lstm, ModelKind.Forest, ModelKind.Momentum }, loaded.Models.Select(m => m.Kind));
        Assert.Equal(Small.Window, loaded.Models[0].Window);

        var (strategy, signals) = RunBot(loaded, MlSeries.Planted(700, seed: 8));
        Assert.Null(strategy.LastFallback("TEST"));
        var spoken = signals.Where(s => s.Values.ContainsKey("p_up")).ToArray();
        Assert.NotEmpty(spoken);
        foreach (var s in spoken)
        {
            double expected = 0.5 * s.Values["p_lstm"] + 0.3 * s.Values["p_forest"] + 0.2 * s.Values["p_momentum"];
            Assert.Equal(expected, s.Values["p_up"], 12);
        }
    }

    [Fact]
    public void A_missing_or_unreadable_onnx_file_makes_the_bot_fall_back_to_its_rules_with_the_reason()
    {
        using var dir = new TempDirectory();
        var registry = new ModelRegistry(dir.Path, TimeProvider.System);
        registry.Register(Ensemble.Value);
        var version = registry.VersionDirectory("TEST", 1);
        File.Delete(Path.Combine(version, ModelFiles.OnnxFile));
        var missing = registry.Load("TEST", 1);
        Assert.Equal("TEST v1 failed to load: lstm.onnx is missing", missing.Problem);
        var (strategy, _) = RunBot(missing, MlSeries.Planted(700, seed: 8));
        Assert.Equal("TEST v1 failed to load: lstm.onnx is missing", strategy.LastFallback("TEST"));

        // Garbage under a manifest that vouches for it: ONNX Runtime itself refuses it.
        File.WriteAllBytes(Path.Combine(version, ModelFiles.OnnxFile), [1, 2, 3, 4]);
        var manifest = ModelFiles.ReadManifest(version);
        File.WriteAllText(Path.Combine(version, ModelFiles.ManifestFile),
            System.Text.Json.JsonSerializer.Serialize(manifest with { ContentHash = ModelFiles.Hash(manifest, version) }, ModelFiles.Json));
        var unreadable = registry.Load("TEST", 1);
        Assert.StartsWith("TEST v1 failed to load: ", unreadable.Problem);
        Assert.DoesNotContain("content hash", unreadable.Problem);
        Assert.Empty(unreadable.Models);
    }

    [Fact]
    public void Without_a_trainer_an_lstm_is_refused_and_an_ensemble_says_it_went_without()
    {
        var bars = MlSeries.Planted(450, seed: 3);
        var absent = Path.Combine(Path.GetTempPath(), "no-such-trainer", LstmTrainerProcess.DllName);
        var refused = Assert.Throws<ModelTrainingException>(() => ModelTrainer.Train(Request(bars, ModelType.Lstm) with { LstmTrainer = absent }));
        Assert.Equal($"LSTM training is unavailable: the LSTM trainer {absent} does not exist", refused.Message);

        var ensemble = ModelTrainer.Train(Request(bars, ModelType.Ensemble) with { LstmTrainer = absent });
        Assert.Equal(new[] { "forest", "momentum", "ensemble" }, ensemble.Metrics.Models.Select(m => m.Model));
        Assert.Null(ensemble.Lstm);
        Assert.Contains(ensemble.Metrics.Notes, n => n == $"lstm: not trained (the LSTM trainer {absent} does not exist); the ensemble is forest + momentum");
    }

    /// <summary>An ml_ensemble bot over the bars after the model's training range.</summary>
    private static (MlEnsembleStrategy Strategy, List<Signal> Signals) RunBot(LoadedModels loaded, Domain.Indicators.Framework.Ohlcv[] bars)
    {
        var config = new BotConfig { Name = "ml", Symbols = { "TEST" }, Timeframe = "1d", Strategy = MlEnsembleStrategy.Id };
        var bot = BotConfigValidator.CompileOrThrow(config);
        var strategy = new MlEnsembleStrategy(config, bot.Variables, new FixedModels(loaded));
        var frame = new IndicatorFrame(bot.Variables, 14);
        var signals = new List<Signal>();
        bool holding = false;
        foreach (var bar in bars)
        {
            frame.Update(in bar);
            if (strategy.OnBar("TEST", DateTime.UnixEpoch.AddMilliseconds(bar.TimeMs), frame, holding) is { } signal)
            {
                signals.Add(signal);
                holding = signal.Action == Domain.Trading.SignalAction.Buy;
            }
        }
        return (strategy, signals);
    }
}
