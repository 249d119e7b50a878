using System.Diagnostics;
using System.Text;

namespace TradingBlazor.Tests.Support;

/// <summary>
/// The app's real executable left running in a working directory of the test's choosing (its data directory under
/// it), so a test can <see cref="Kill"/> it as a crash would (SIGKILL: no shutdown hooks, no flushing) and start it
/// again on the same data.
/// </summary>
public sealed class KillableApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private KillableApp(Process process, string workingDirectory)
    {
        _process = process;
        WorkingDirectory = workingDirectory;
    }

    public string WorkingDirectory { get; }
    public static string DataDirectory(string workingDirectory) => Path.Combine(workingDirectory, "data");
    public bool HasExited => _process.HasExited;

    public static KillableApp Start(string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(Path.Combine(TestPaths.AppOutputDirectory, "TradingBlazor"))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add("--urls=http://127.0.0.1:0");
        info.Environment["Storage__DataDirectory"] = DataDirectory(workingDirectory);
        info.Environment["Logs__Console"] = "false";
        foreach (var (key, value) in environment) info.Environment[key] = value;
        var process = new Process { StartInfo = info };
        var app = new KillableApp(process, workingDirectory);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    /// <summary>SIGKILL, and waits until the process is gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>What the app wrote, for failure messages: its console output and its logged warnings and errors (of every run on this data).</summary>
    public string Diagnostics()
    {
        var text = new StringBuilder();
        lock (_output) text.Append(_output);
        var logs = Path.Combine(DataDirectory(WorkingDirectory), "logs");
        if (!Directory.Exists(logs)) return text.ToString();
        foreach (var file in Directory.GetFiles(logs).Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
            text.AppendLine($"--- {Path.GetFileName(file)}");
            while (reader.ReadLine() is { } line)
                if (line.Contains("\"Level\":\"Warning\"", StringComparison.Ordinal) || line.Contains("\"Level\":\"Error\"", StringComparison.Ordinal)
                    || line.Contains("started (", StringComparison.Ordinal))
                    text.AppendLine(line.Length > 600 ? line[..600] : line);
        }
        return text.ToString();
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
