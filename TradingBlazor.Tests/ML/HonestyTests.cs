using TradingBlazor.Domain.ML;
using TradingBlazor.Domain.ML.Features;
using TradingBlazor.Domain.Strategies;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Engine.ML;

namespace TradingBlazor.Tests.ML;

/// <summary>
/// The checks that would expose a leak or a fake: a planted pattern is found, permuted labels are not "learned",
/// later bars never change an earlier prediction, and a seed pins the model.
/// </summary>
public class HonestyTests
{
    internal static readonly ForestSettings SmallForest = new(Trees: 30, Leaves: 8);

    /// <summary>The forest + momentum ensemble (the LSTM's own checks are in <see cref="LstmTests"/>).</summary>
    internal static TrainingRequest Request(Domain.Indicators.Framework.Ohlcv[] bars, int seed = 5, ModelType type = ModelType.Ensemble) =>
        new("TEST", bars, type, seed) { Forest = SmallForest, Folds = 4, IncludeLstm = false };

    private static double Auc(TrainedModels models, string model) => models.Metrics.Models.Single(m => m.Model == model).OutOfSample.Auc;

    [Fact]
    public void A_planted_pattern_is_found_out_of_sample()
    {
        var models = ModelTrainer.Train(Request(MlSeries.Planted(1500, seed: 1)));
        Assert.True(Auc(models, "forest") > 0.62, $"forest AUC {Auc(models, "forest"):F3}");
        Assert.True(Auc(models, "momentum") > 0.55, $"momentum AUC {Auc(models, "momentum"):F3}");
        Assert.True(Auc(models, "ensemble") > 0.62, $"ensemble AUC {Auc(models, "ensemble"):F3}");
        var forest = models.Metrics.Models.Single(m => m.Model == "forest").OutOfSample;
        Assert.True(forest.Brier < 0.245, $"Brier {forest.Brier:F4} should beat always saying 0.5 (0.25)");
    }

    [Fact]
    public void With_permuted_labels_out_of_sample_auc_is_a_coin_flip()
    {
        var bars = MlSeries.Planted(1500, seed: 1);
        var table = FeatureTable.Build(bars, FeatureSpec.Current());
        var random = new Random(9);
        var shuffled = table.Labels.ToArray();
        random.Shuffle(shuffled);
        var models = ModelTrainer.Train(Request(bars), table.WithLabels(shuffled));
        foreach (var name in new[] { "forest", "momentum", "ensemble" })
            Assert.InRange(Auc(models, name), 0.44, 0.56);
    }

    [Fact]
    public void Corrupting_future_bars_changes_no_earlier_prediction()
    {
        var bars = MlSeries.Planted(900, seed: 2);
        var models = ModelTrainer.Train(Request(bars[..500]));
        const int cut = 700;
        var corrupted = bars.ToArray();
        for (int i = cut; i < corrupted.Length; i++) corrupted[i] = corrupted[i] with { Close = corrupted[i].Close * (i % 2 == 0 ? 1.5 : 0.5), Volume = 1 };
        var clean = Predictions(bars, models);
        var dirty = Predictions(corrupted, models);
        Assert.True(clean.Take(cut).Count(p => !double.IsNaN(p)) > 150);
        for (int i = 0; i < cut; i++) Assert.Equal(clean[i], dirty[i]);
        Assert.Contains(Enumerable.Range(cut, bars.Length - cut), i => clean[i] != dirty[i]);
    }

    [Fact]
    public void The_same_seed_gives_the_same_model_hash_and_another_seed_another()
    {
        var bars = MlSeries.Planted(450, seed: 3);
        using var dir = new TempDirectory();
        string HashFor(int seed, string name) => ModelFiles.Write(
            ModelTrainer.Train(Request(bars, seed) with { Forest = new ForestSettings(Trees: 10, Leaves: 8), Folds = 2 }), Path.Combine(dir.Path, name), 1, DateTime.UnixEpoch).ContentHash;
        var first = HashFor(4, "a");
        Assert.Equal(first, HashFor(4, "b"));
        Assert.NotEqual(first, HashFor(5, "c"));
    }

    /// <summary>The ensemble's P(up) on every bar, as the strategy computes it in a bot (NaN where it falls back).</summary>
    internal static double[] Predictions(Domain.Indicators.Framework.Ohlcv[] bars, TrainedModels models)
    {
        var config = new BotConfig { Name = "ml", Symbols = { "TEST" }, Timeframe = "1d", Strategy = MlEnsembleStrategy.Id };
        var bot = BotConfigValidator.CompileOrThrow(config);
        var source = new FixedModels(new LoadedModels(Info(models), models.Members, null));
        var strategy = new MlEnsembleStrategy(config, bot.Variables, source);
        var frame = new IndicatorFrame(bot.Variables, 14);
        var result = new double[bars.Length];
        for (int i = 0; i < bars.Length; i++)
        {
            var bar = bars[i];
            frame.Update(in bar);
            // Flat on even bars, holding on odd ones: either way the signal carries P(up) when the model speaks.
            var signal = strategy.OnBar("TEST", DateTime.UnixEpoch.AddMilliseconds(bar.TimeMs), frame, inPosition: i % 2 == 1);
            result[i] = signal?.Values.GetValueOrDefault("p_up", double.NaN) ?? strategy.LastProbability("TEST");
        }
        return result;
    }

    internal static ModelInfo Info(TrainedModels m) => new("TEST", 1, m.Spec, m.Metrics.TrainFromUtc, m.Metrics.TrainToUtc, m.Metrics.Seed, "test");
}

/// <summary>A model source holding one loaded set.</summary>
internal sealed class FixedModels(LoadedModels loaded) : IDirectionModelSource
{
    public LoadedModels Load(string symbol, int version) => loaded;
}

/// <summary>A directory deleted after the test.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("tb-ml-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
