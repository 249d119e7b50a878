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
/// <c>bench ml [--data bars.csv] [--years 5] [--minute-bars 24570]</c>: training time of the ensemble on the last n years
/// of daily bars (the file's, or a seeded random walk) and on about three months of 1-minute random-walk bars, peak
/// RSS, the RSS a loaded model adds, and microseconds per prediction (forest, momentum, ensemble, and the strategy's
/// whole bar: indicators, features and ensemble). Medians of 5 after a warm-up.
/// </summary>
public static class MlBench
{
    public const string Usage = "bench ml [--data bars.csv] [--years 5] [--minute-bars 24570]";

    public static int Run(CliArguments args, TextWriter stdout)
    {
        var data = args.OptionalPath("data");
        int years = args.Int("years", 5, 1, 50);
        int minuteBars = args.Int("minute-bars", 24_570, 0, 5_000_000);
        args.RejectUnknown();
        var all = data is null ? SyntheticSeries.RandomWalk(252 * years, seed: 21) : CliBars.ReadAll(data.Existing("data"), "BENCH").Bars.Select(b => b.ToOhlcv()).ToArray();
        var daily = all[^Math.Min(all.Length, 252 * years)..];
#if DEBUG
        stdout.WriteLine("warning: Debug build; use -c Release for real figures");
#endif
        long rssStart = Environment.WorkingSet;
        var watch = Stopwatch.StartNew();
        var models = ModelTrainer.Train(new TrainingRequest("BENCH", daily, ModelType.Ensemble, Seed: 1));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"train ensemble on {daily.Length:N0} daily bars ({models.Metrics.Rows:N0} rows, 5 folds + final, 100 trees): {watch.Elapsed.TotalSeconds:F2} s"));
        if (minuteBars > 0)
        {
            var minutes = SyntheticSeries.RandomWalk(minuteBars, seed: 22);
            watch.Restart();
            using var m = ModelTrainer.Train(new TrainingRequest("BENCH", minutes, ModelType.Ensemble, Seed: 1)).Forest;
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"train ensemble on {minuteBars:N0} 1-minute bars: {watch.Elapsed.TotalSeconds:F2} s"));
        }
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak RSS while training: {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB (start {rssStart / 1e6:F0} MB)"));

        var dir = Directory.CreateTempSubdirectory("tb-ml-bench-").FullName;
        try
        {
            ModelFiles.Write(models, dir, 1, DateTime.UnixEpoch);
            models.Forest?.Dispose();
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

    private static void Measure(LoadedModels loaded, float[][] rows, Ohlcv[] bars, TextWriter stdout)
    {
        var forest = loaded.Models.Single(m => m.Kind == ModelKind.Forest);
        var momentum = loaded.Models.Single(m => m.Kind == ModelKind.Momentum);
        double sink = 0; // a captured sum the JIT cannot drop
        double PerCall(Func<float[], double> predict)
        {
            double Once()
            {
                var sw = Stopwatch.StartNew();
                foreach (var row in rows) sink += predict(row);
                return sw.Elapsed.TotalMicroseconds / rows.Length;
            }
            Once();
            return BenchCommand.Median(Enumerable.Range(0, 5).Select(_ => Once()));
        }
        double f = PerCall(r => forest.Probability(r));
        double m = PerCall(r => momentum.Probability(r));
        double e = PerCall(r => (0.3 * forest.Probability(r) + 0.2 * momentum.Probability(r)) / 0.5);

        var config = new BotConfig { Name = "bench", Symbols = { "BENCH" }, Timeframe = "1d", Strategy = MlEnsembleStrategy.Id };
        var bot = BotConfigValidator.CompileOrThrow(config);
        // The bars predate the model's range here, so the bench moves the training range before them.
        var info = loaded.Info! with { TrainToUtc = DateTime.UnixEpoch };
        var source = new FixedSource(loaded with { Info = info });
        double strategyBar = BenchCommand.Median(Enumerable.Range(0, 6).Select(_ =>
        {
            var strategy = new MlEnsembleStrategy(config, bot.Variables, source);
            var frame = new IndicatorFrame(bot.Variables, 14);
            var sw = Stopwatch.StartNew();
            foreach (var bar in bars)
            {
                frame.Update(in bar);
                strategy.OnBar("BENCH", DateTime.UnixEpoch.AddMilliseconds(bar.TimeMs + 1), frame, false);
            }
            return sw.Elapsed.TotalMicroseconds / bars.Length;
        }));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"per prediction: forest {f:F1} µs · momentum {m:F2} µs · ensemble {e:F1} µs · strategy bar (indicators + features + ensemble) {strategyBar:F1} µs"));
    }

    private sealed class FixedSource(LoadedModels loaded) : IDirectionModelSource
    {
        public LoadedModels Load(string symbol, int version) => loaded;
    }
}
