using System.Diagnostics;
using System.Text.Json;
using TorchSharp;
using TradingBlazor.Engine.ML.Lstm;
using TradingBlazor.LstmTrainer;

// TradingBlazor.LstmTrainer train DIR   — reads DIR/job.bin, writes the out-of-fold scores and the final model to DIR.
// TradingBlazor.LstmTrainer check       — loads libtorch and runs one tensor operation (the native libraries load).
if (args is ["check"])
{
    torch.set_num_threads(1);
    using var sum = torch.ones(3).sum();
    Console.WriteLine(FormattableString.Invariant($"libtorch {torch.__version__} loaded; ones(3).sum() = {sum.item<float>()}"));
    return 0;
}
if (args is not ["train", var directory])
{
    Console.Error.WriteLine("usage: TradingBlazor.LstmTrainer train DIR | check");
    return 2;
}

var watch = Stopwatch.StartNew();
torch.set_num_threads(1);
var job = LstmExchange.ReadJob(Path.Combine(directory, LstmExchange.JobFile));
var training = new LstmTraining(job);
var outOfFold = Enumerable.Repeat(double.NaN, job.Rows.Length).ToArray();
var folds = new List<FitReport>();
for (int k = 0; k < job.Folds.Count; k++)
{
    var fold = job.Folds[k];
    var (model, report) = training.Fit(fold.TrainEnd, Console.Out, $"fold {k + 1}/{job.Folds.Count}");
    using (model)
    {
        var rows = training.Windowed(fold.TestStart, fold.TestEnd);
        var scores = training.Score(model, rows);
        for (int i = 0; i < rows.Length; i++) outOfFold[rows[i]] = scores[i];
    }
    folds.Add(report);
}

var (final, finalReport) = training.Fit(job.Rows.Length, Console.Out, "final");
using (final)
{
    var rows = training.Windowed(0, job.Rows.Length);
    var finalScores = Enumerable.Repeat(double.NaN, job.Rows.Length).ToArray();
    var scores = training.Score(final, rows);
    for (int i = 0; i < rows.Length; i++) finalScores[rows[i]] = scores[i];
    LstmExchange.WriteScores(outOfFold, Path.Combine(directory, LstmExchange.OutOfFoldFile));
    LstmExchange.WriteScores(finalScores, Path.Combine(directory, LstmExchange.FinalFile));
    File.WriteAllBytes(Path.Combine(directory, LstmExchange.OnnxFile), OnnxExport.Write(final.Export(), job.Settings.Window));
    final.save(Path.Combine(directory, LstmExchange.WeightsFile));
}

var summary = new
{
    torch = torch.__version__,
    seconds = watch.Elapsed.TotalSeconds,
    peakRssMb = Process.GetCurrentProcess().PeakWorkingSet64 / 1e6,
    folds,
    final = finalReport,
};
File.WriteAllText(Path.Combine(directory, LstmExchange.ReportFile), JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine(FormattableString.Invariant($"done in {summary.seconds:F1} s, peak RSS {summary.peakRssMb:F0} MB"));
return 0;
