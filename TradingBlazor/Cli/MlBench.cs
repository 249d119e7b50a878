using System.Diagnostics;
using System.Globalization;
using TradingBlazor.Domain.Indicators.Framework;
using TradingBlazor.Domain.ML;
using TradingBlazor.Domain.ML.Features;
using TradingBlazor.Domain.Strategies;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Engine.ML;

namespace TradingBlazor.Cli;

/// <summary>
/// <c>bench ml [--data bars.csv] [--years 5] [--minute-bars 24570] [--epochs 8]</c>: training time of the ensemble (with
/// the LSTM when its trainer is available) on the last n years of daily bars (the file's, or a seeded random walk) and
/// on about three months of 1-minute random-walk bars, peak RSS of the app and of the LSTM trainer, the RSS a loaded
/// model adds, and microseconds per prediction (LSTM in ONNX Runtime, forest, momentum, ensemble, and the strategy's
/// whole bar: indicators, features and ensemble). Medians of 5 after a warm-up.
/// </summary>
public static class MlBench
{
    public const string Usage = "bench ml [--data bars.csv] [--years 5] [--minute-bars 24570] [--epochs 8]";

    public static int Run(CliArguments args, TextWriter stdout)
    {
        var data = args.OptionalPath("data");
        int years = args.Int("years", 5, 1, 50);
        int minuteBars = args.Int("minute-bars", 24_570, 0, 5_000_000);
        var lstm = new Engine.ML.Lstm.LstmSettings();
        lstm = lstm with { Epochs = args.Int("epochs", lstm.Epochs, 1, 1000) };
        args.RejectUnknown();
        var all = data is null ? SyntheticSeries.RandomWalk(252 * years, seed: 21) : CliBars.ReadAll(data.Existing("data"), "BENCH").Bars.Select(b => b.ToOhlcv()).ToArray();
        var daily = all[^Math.Min(all.Length, 252 * years)..];
#if DEBUG
        stdout.WriteLine("warning: Debug build; use -c Release for real figures");
#endif
        long rssStart = Environment.WorkingSet;
        var watch = Stopwatch.StartNew();
        var models = ModelTrainer.Train(new TrainingRequest("BENCH", daily, ModelType.Ensemble, Seed: 1) { Lstm = lstm });
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"train ensemble on {daily.Length:N0} daily bars ({models.Metrics.Rows:N0} rows, 5 folds + final, 100 trees): {watch.Elapsed.TotalSeconds:F2} s"));
        WriteLstmTraining(models, stdout);
        if (minuteBars > 0)
        {
            var minutes = SyntheticSeries.RandomWalk(minuteBars, seed: 22);
            watch.Restart();
            var m = ModelTrainer.Train(new TrainingRequest("BENCH", minutes, ModelType.Ensemble, Seed: 1) { Lstm = lstm });
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"train ensemble on {minuteBars:N0} 1-minute bars: {watch.Elapsed.TotalSeconds:F2} s"));
            WriteLstmTraining(m, stdout);
            m.Forest?.Dispose();
            m.Lstm?.Dispose();
        }
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak RSS while training: {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB (start {rssStart / 1e6:F0} MB)"));

        var dir = Directory.CreateTempSubdirectory("tb-ml-bench-").FullName;
        try
        {
            ModelFiles.Write(models, dir, 1, DateTime.UnixEpoch);
            models.Forest?.Dispose();
            models.Lstm?.Dispose();
            GC.Collect();
            long before = Environment.WorkingSet;
            var loaded = ModelFiles.Load(dir);
            var rows = FeatureTable.Build(daily, models.Spec).Features;
            Measure(loaded, rows, daily, stdout);
            GC.Collect();
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RSS with the model loaded: {Environment.WorkingSet / 1e6:F0} MB ({(Environment.WorkingSet - before) / 1e6:+0;-0} MB for loading and predicting)"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        return 0;
    }

    /// <summary>The LSTM trainer's own figures (it runs in its own process): its time and peak RSS.</summary>
    private static void WriteLstmTraining(TrainedModels models, TextWriter stdout)
    {
        if (models.LstmTrainerReport is not { } report)
        {
            foreach (var note in models.Metrics.Notes) stdout.WriteLine($"  {note}");
            return;
        }
        using var json = System.Text.Json.JsonDocument.Parse(report);
        var root = json.RootElement;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  of which the LSTM trainer process: {root.GetProperty("seconds").GetDouble():F1} s, peak RSS {root.GetProperty("peakRssMb").GetDouble():F0} MB ({models.LstmSettings!.Epochs} epochs, window {models.LstmSettings.Window})"));
    }

    private static void Measure(LoadedModels loaded, float[][] rows, Ohlcv[] bars, TextWriter stdout)
    {
        var forest = loaded.Models.Single(m => m.Kind == ModelKind.Forest);
        var momentum = loaded.Models.Single(m => m.Kind == ModelKind.Momentum);
        var lstm = loaded.Models.SingleOrDefault(m => m.Kind == ModelKind.Lstm);
        int window = lstm?.Window ?? 1, width = rows[0].Length;
        // Each row with the window ending at it (the forest and momentum read its last vector).
        var windows = Enumerable.Range(window - 1, rows.Length - window + 1).Select(r => rows[(r - window + 1)..(r + 1)].SelectMany(v => v).ToArray()).ToArray();
        double sink = 0; // a captured sum the JIT cannot drop
        double PerCall(Func<float[], double> predict)
        {
            double Once()
            {
                var sw = Stopwatch.StartNew();
                foreach (var w in windows) sink += predict(w);
                return sw.Elapsed.TotalMicroseconds / windows.Length;
            }
            Once();
            return BenchCommand.Median(Enumerable.Range(0, 5).Select(_ => Once()));
        }
        double f = PerCall(w => forest.Probability(w.AsSpan(w.Length - width)));
        double m = PerCall(w => momentum.Probability(w.AsSpan(w.Length - width)));
        double l = lstm is null ? double.NaN : PerCall(w => lstm.Probability(w));
        double e = lstm is null
            ? PerCall(w => (0.3 * forest.Probability(w.AsSpan(w.Length - width)) + 0.2 * momentum.Probability(w.AsSpan(w.Length - width))) / 0.5)
            : PerCall(w => 0.5 * lstm.Probability(w) + 0.3 * forest.Probability(w.AsSpan(w.Length - width)) + 0.2 * momentum.Probability(w.AsSpan(w.Length - width)));

        var config = new BotConfig
        {
            Name = "bench", Symbols = { "BENCH" }, Timeframe = "1d", Strategy = MlEnsembleStrategy.Id,
            Parameters = { ["max_model_age_days"] = 3650 },
        };
        var bot = BotConfigValidator.CompileOrThrow(config);
        // The bars are the model's training bars here, so the bench moves the training range before them.
        var info = loaded.Info! with { TrainToUtc = DateTime.UnixEpoch.AddMilliseconds(bars[0].TimeMs - 1) };
        var source = new FixedSource(loaded with { Info = info });
        int decided = 0;
        double strategyBar = BenchCommand.Median(Enumerable.Range(0, 6).Select(_ =>
        {
            var strategy = new MlEnsembleStrategy(config, bot.Variables, source);
            var frame = new IndicatorFrame(bot.Variables, 14);
            decided = 0;
            var sw = Stopwatch.StartNew();
            foreach (var bar in bars)
            {
                frame.Update(in bar);
                strategy.OnBar("BENCH", DateTime.UnixEpoch.AddMilliseconds(bar.TimeMs), frame, false);
                if (!double.IsNaN(strategy.LastProbability("BENCH"))) decided++;
            }
            return sw.Elapsed.TotalMicroseconds / bars.Length;
        }));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"per prediction: lstm (ONNX) {l:F1} µs · forest {f:F1} µs · momentum {m:F2} µs · ensemble {e:F1} µs · strategy bar (indicators + features + ensemble) {strategyBar:F1} µs ({decided:N0} of {bars.Length:N0} bars decided by the models)"));
    }

    private sealed class FixedSource(LoadedModels loaded) : IDirectionModelSource
    {
        public LoadedModels Load(string symbol, int version) => loaded;
    }
}
