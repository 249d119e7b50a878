using System.Diagnostics;

namespace TradingBlazor.Tests.Support;

/// <summary>Runs the app's real executable (as a person or a container would) and captures its output.</summary>
public static class AppProcess
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    /// <param name="workingDirectory">Where the process runs; a fresh temp directory when null (the .env, if any, goes there).</param>
    public static Task<Result> RunAsync(IReadOnlyDictionary<string, string> environment, string[] args, TimeSpan timeout, string? dotEnv = null, string? workingDirectory = null) =>
        RunAsync(Path.Combine(TestPaths.AppOutputDirectory, "TradingBlazor"), environment, args, timeout, dotEnv, workingDirectory);

    /// <summary>Any program (e.g. <c>dotnet run</c>), with the app's test environment.</summary>
    public static async Task<Result> RunAsync(string program, IReadOnlyDictionary<string, string> environment, string[] args, TimeSpan timeout, string? dotEnv = null, string? workingDirectory = null)
    {
        var workDir = workingDirectory ?? TestPaths.NewTempDirectory("tb-proc");
        if (dotEnv is not null) await File.WriteAllTextAsync(Path.Combine(workDir, ".env"), dotEnv);
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["Storage__DataDirectory"] = Path.Combine(workDir, "data");
        info.Environment["Logs__Console"] = "false";
        foreach (var (key, value) in environment) info.Environment[key] = value;

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The app did not exit within {timeout}.");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
