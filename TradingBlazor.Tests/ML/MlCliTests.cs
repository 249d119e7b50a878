using System.Globalization;
using System.Text.Json;
using TradingBlazor.Cli;
using TradingBlazor.Domain.Time;
using TradingBlazor.Domain.ML;
using TradingBlazor.Engine.ML;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.ML;

/// <summary><c>ml train</c>: model files and metrics.json for good input; one line and a non-zero exit for bad input.</summary>
public class MlCliTests
{
    private static string WriteCsv(string dir, int bars)
    {
        var path = Path.Combine(dir, "bars.csv");
        var lines = MlSeries.Planted(bars, seed: 6).Select(b => string.Create(CultureInfo.InvariantCulture,
            $"{MarketTime.EasternDate(DateTime.UnixEpoch.AddMilliseconds(b.TimeMs)):yyyy-MM-dd},{b.Open:F4},{b.High:F4},{b.Low:F4},{b.Close:F4},{b.Volume}"));
        File.WriteAllLines(path, lines.Prepend("timestamp,open,high,low,close,volume"));
        return path;
    }

    private static (int Code, string StdOut, string StdErr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.True(CliRunner.Handles(args));
        int code = CliRunner.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Train_writes_the_model_and_its_out_of_sample_metrics()
    {
        using var dir = new TempDirectory();
        var csv = WriteCsv(dir.Path, 700);
        var outDir = Path.Combine(dir.Path, "model");
        var (code, stdout, stderr) = Run("ml", "train", "--data", csv, "--symbol", "test", "--model", "ensemble", "--out", outDir, "--seed", "3", "--to", "2012-06-29", "--trees", "20", "--epochs", "2", "--window", "10");
        Assert.True(code == 0, stderr);
        Assert.Contains("ensemble  out of sample: AUC", stdout);
        var metrics = JsonSerializer.Deserialize<TrainingMetrics>(File.ReadAllText(Path.Combine(outDir, ModelFiles.MetricsFile)), ModelFiles.Json)!;
        Assert.Equal(("TEST", ModelType.Ensemble, 3), (metrics.Symbol, metrics.Model, metrics.Seed));
        Assert.Equal(new[] { "lstm", "forest", "momentum", "ensemble" }, metrics.Models.Select(m => m.Model));
        Assert.Contains("lstm trainer: final epoch 2/2", stdout);
        Assert.True(metrics.TrainToUtc < new DateTime(2012, 7, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.All(metrics.Models, m => Assert.NotEmpty(m.OutOfSample.Calibration));
        var loaded = ModelFiles.Load(outDir);
        Assert.Equal(new[] { ModelKind.Lstm, ModelKind.Forest, ModelKind.Momentum }, loaded.Models.Select(m => m.Kind));
        Assert.Equal(3, loaded.Info!.Seed);
    }

    [Fact]
    public void A_trained_model_in_a_registry_drives_a_command_line_backtest()
    {
        using var dir = new TempDirectory();
        var csv = WriteCsv(dir.Path, 800);
        var registry = Path.Combine(dir.Path, "models");
        var trained = Run("ml", "train", "--data", csv, "--symbol", "TEST", "--model", "ensemble", "--out", Path.Combine(registry, "TEST", "v1"), "--to", "2012-03-30", "--trees", "20", "--epochs", "2", "--window", "10");
        Assert.True(trained.Code == 0, trained.StdErr);
        var sample = Path.Combine(TestPaths.RepositoryRoot, "samples", "strategies", "ml_ensemble.json");
        var outDir = Path.Combine(dir.Path, "bt");
        var (code, stdout, stderr) = Run("backtest", "--data", csv, "--symbol", "TEST", "--strategy", sample, "--models", registry, "--out", outDir);
        Assert.True(code == 0, stderr);
        Assert.Contains("ML ensemble", stdout);
        var trades = File.ReadAllLines(Path.Combine(outDir, "trades.csv"));
        Assert.Contains(trades, t => t.Contains("p_up=", StringComparison.Ordinal) && t.Contains("p_lstm=", StringComparison.Ordinal) && t.Contains("model_version=1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--model", "svm", "--model must be forest, lstm or ensemble (got 'svm')")]
    [InlineData("--lstm-trainer", "missing.dll", "LSTM training is unavailable: the LSTM trainer missing.dll does not exist")]
    [InlineData("--seed", "-1", "--seed must be a whole number")]
    [InlineData("--to", "2010-02-01", "labelled rows after the indicators' warm-up; at least 300 are needed")]
    [InlineData("--data", "missing.csv", "data file 'missing.csv' does not exist")]
    public void Bad_input_is_one_line_and_a_non_zero_exit(string option, string value, string message)
    {
        using var dir = new TempDirectory();
        var csv = WriteCsv(dir.Path, 400);
        var args = new Dictionary<string, string> { ["--data"] = csv, ["--symbol"] = "TEST", ["--model"] = option == "--lstm-trainer" ? "lstm" : "forest", ["--out"] = Path.Combine(dir.Path, "m") };
        args[option] = value;
        var (code, _, stderr) = Run(args.SelectMany(a => new[] { a.Key, a.Value }).Prepend("train").Prepend("ml").ToArray());
        Assert.NotEqual(0, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(message, line);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "m")));
    }
}
