using TradingBlazor.Cli;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Cli;

/// <summary>Relative paths on a command line mean the directory the user ran it from, including under <c>dotnet run</c>.</summary>
public class RelativePathTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Relative_paths_resolve_against_the_working_directory()
    {
        var dir = CallerDirectoryWithInputs();
        var result = await AppProcess.RunAsync(new Dictionary<string, string>(), BacktestArgs(), Timeout, workingDirectory: dir);
        AssertBacktestRan(result, dir);
    }

    [Fact]
    public async Task Under_dotnet_run_relative_paths_resolve_against_the_callers_directory_not_the_project_folder()
    {
        // dotnet run starts the app in the project folder; the shell's PWD still names where the user was.
        var dir = CallerDirectoryWithInputs();
        var configuration = Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(TestPaths.AppOutputDirectory)))!;
        var args = new[] { "run", "--no-build", "-c", configuration, "--project", TestPaths.AppProjectDirectory, "--" }.Concat(BacktestArgs()).ToArray();
        var result = await AppProcess.RunAsync("dotnet", new Dictionary<string, string> { ["PWD"] = dir }, args, Timeout, workingDirectory: dir);
        AssertBacktestRan(result, dir);
    }

    [Fact]
    public async Task A_missing_relative_file_names_the_directory_it_was_looked_for_in()
    {
        var dir = TestPaths.NewTempDirectory();
        var result = await AppProcess.RunAsync(new Dictionary<string, string>(), new[] { "import", "--input", "nope.csv", "--symbol", "X" }, Timeout, workingDirectory: dir);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: input file 'nope.csv' does not exist in {dir}", result.StdErr.Trim());
    }

    [Fact]
    public void The_callers_directory_is_pwd_only_when_running_in_the_project_folder()
    {
        var project = TestPaths.AppProjectDirectory.TrimEnd('/');
        var elsewhere = TestPaths.NewTempDirectory();
        Assert.Equal(elsewhere, CliPath.FindCallerDirectory(project, elsewhere));
        Assert.Equal(project, CliPath.FindCallerDirectory(project, null));
        Assert.Equal(project, CliPath.FindCallerDirectory(project, "relative/dir"));
        Assert.Equal(project, CliPath.FindCallerDirectory(project, Path.Combine(elsewhere, "missing")));
        Assert.Equal(elsewhere, CliPath.FindCallerDirectory(elsewhere, project)); // a stale PWD elsewhere is ignored
    }

    private static string[] BacktestArgs() =>
        new[] { "backtest", "--data", "bars.csv", "--symbol", "SPX", "--strategy", "strategies/sma_cross.json", "--capital", "10000", "--out", "out" };

    private static string CallerDirectoryWithInputs()
    {
        var dir = TestPaths.NewTempDirectory("tb-caller");
        File.Copy(SpxFixture.BarsPath, Path.Combine(dir, "bars.csv"));
        Directory.CreateDirectory(Path.Combine(dir, "strategies"));
        File.Copy(Path.Combine(TestPaths.RepositoryRoot, "samples", "strategies", "sma_cross.json"), Path.Combine(dir, "strategies", "sma_cross.json"));
        return dir;
    }

    private static void AssertBacktestRan(AppProcess.Result result, string dir)
    {
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("final equity 15,844.52", result.StdOut);
        Assert.True(File.Exists(Path.Combine(dir, "out", "summary.json")), "summary.json was not written to the caller's directory");
    }
}
