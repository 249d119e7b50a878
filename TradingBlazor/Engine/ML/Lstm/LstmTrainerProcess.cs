using System.Diagnostics;

namespace TradingBlazor.Engine.ML.Lstm;

/// <summary>What the trainer wrote: out-of-fold and final logits per row (NaN where none), the ONNX graph, the weights, its report.</summary>
public sealed record LstmRun(double[] OutOfFold, double[] Final, byte[] Onnx, byte[] Weights, string Report);

/// <summary>
/// Runs TradingBlazor.LstmTrainer in its own process (libtorch is 480 MB of native code the web app never loads):
/// writes the job to a temporary folder, runs <c>dotnet TradingBlazor.LstmTrainer.dll train DIR</c>, reads what it wrote.
/// Cancelling kills the trainer.
/// </summary>
public sealed class LstmTrainerProcess(string trainerDll)
{
    public const string DllName = "TradingBlazor.LstmTrainer.dll", PathVariable = "TRADINGBLAZOR_LSTM_TRAINER";

    public string TrainerDll { get; } = trainerDll;

    /// <summary>
    /// The trainer named (a path), else the one <see cref="PathVariable"/> names, else one shipped beside the app in
    /// <c>lstm-trainer/</c>, else the solution's own build output (a source checkout). Null with the reason when none is.
    /// </summary>
    public static LstmTrainerProcess? Locate(string? named, out string problem)
    {
        problem = "";
        var given = named ?? Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            if (File.Exists(given)) return new LstmTrainerProcess(Path.GetFullPath(given));
            problem = $"the LSTM trainer {given} does not exist";
            return null;
        }
        var beside = Path.Combine(AppContext.BaseDirectory, "lstm-trainer", DllName);
        if (File.Exists(beside)) return new LstmTrainerProcess(beside);
        var built = FromSourceCheckout();
        if (built is not null) return new LstmTrainerProcess(built);
        problem = $"the LSTM trainer is not available in this installation (build TradingBlazor.LstmTrainer, or set {PathVariable} to its {DllName})";
        return null;
    }

    /// <summary>The newest TradingBlazor.LstmTrainer build of a checkout this app runs from.</summary>
    private static string? FromSourceCheckout()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var bin = Path.Combine(dir.FullName, "TradingBlazor.LstmTrainer", "bin");
            if (!Directory.Exists(bin)) continue;
            return Directory.EnumerateFiles(bin, DllName, SearchOption.AllDirectories)
                .Where(p => File.Exists(Path.Combine(Path.GetDirectoryName(p)!, "libLibTorchSharp.so")))
                .OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault();
        }
        return null;
    }

    public LstmRun Train(LstmJob job, Action<string>? progress, CancellationToken cancel)
    {
        var dir = Directory.CreateTempSubdirectory("tb-lstm-").FullName;
        try
        {
            LstmExchange.WriteJob(job, Path.Combine(dir, LstmExchange.JobFile));
            Run(["train", dir], progress, cancel);
            string Written(string name) => Path.Combine(dir, name);
            return new LstmRun(LstmExchange.ReadScores(Written(LstmExchange.OutOfFoldFile)), LstmExchange.ReadScores(Written(LstmExchange.FinalFile)),
                File.ReadAllBytes(Written(LstmExchange.OnnxFile)), File.ReadAllBytes(Written(LstmExchange.WeightsFile)),
                File.ReadAllText(Written(LstmExchange.ReportFile)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The trainer's <c>check</c>: loads libtorch and runs one operation; returns what it printed.</summary>
    public string Check(CancellationToken cancel = default)
    {
        var lines = new List<string>();
        Run(["check"], lines.Add, cancel);
        return string.Join('\n', lines);
    }

    private void Run(string[] arguments, Action<string>? progress, CancellationToken cancel)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(TrainerDll);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new ModelTrainingException($"could not start {TrainerDll}");
        var errors = new List<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) progress?.Invoke(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) lock (errors) errors.Add(line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using (cancel.Register(() => { try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } }))
            process.WaitForExit();
        cancel.ThrowIfCancellationRequested();
        if (process.ExitCode != 0)
        {
            string tail;
            lock (errors) tail = string.Join(" | ", errors.TakeLast(5));
            throw new ModelTrainingException($"the LSTM trainer failed (exit code {process.ExitCode}): {tail}");
        }
    }
}
