using TradingBlazor.Cli;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Cli;

/// <summary>Help, unknown commands and options, and which command lines still start the web server.</summary>
public class CliUsageTests
{
    private const string CommandListHeader = "TradingBlazor commands (no command starts the web app; --urls, --environment and --Section:Key=value configure it):";

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void Asking_for_help_lists_every_command_one_line_each_and_exits_0(string help)
    {
        var (code, stdout, stderr) = Run(help);
        Assert.Equal(0, code);
        Assert.Empty(stderr);
        var lines = Lines(stdout);
        Assert.Equal(CommandListHeader, lines[0]);
        foreach (var command in new[] { "indicators", "backtest", "sweep", "walkforward", "import", "broker check", "data download", "bench indicators", "bench store", "bench backtest", "bench csv", "bench engine", "bench reports" })
            Assert.Single(lines, l => l.StartsWith(command + " ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(new[] { "frobnicate" }, "error: unknown command 'frobnicate'")]
    [InlineData(new[] { "--bogus" }, "error: unknown option '--bogus' (not a command, a host setting or a --Section:Key configuration override)")]
    [InlineData(new[] { "--bogus=1" }, "error: unknown option '--bogus' (not a command, a host setting or a --Section:Key configuration override)")]
    [InlineData(new[] { "--urls" }, "error: --urls needs a value")]
    [InlineData(new[] { "--" }, "error: unknown option '--' (not a command, a host setting or a --Section:Key configuration override)")]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5000", "backtest" }, "error: unexpected argument 'backtest'")]
    public void Unknown_commands_and_options_are_one_line_on_stderr_then_the_usage_and_exit_2(string[] args, string error)
    {
        var (code, stdout, stderr) = Run(args);
        Assert.Equal(2, code);
        Assert.Equal(error, Assert.Single(Lines(stderr)));
        Assert.Equal(CommandListHeader, Lines(stdout)[0]);
    }

    [Theory]
    [InlineData(new[] { "backtest", "--help" }, "usage: backtest --data bars.csv")]
    [InlineData(new[] { "import", "-h" }, "usage: import --input bars.csv --symbol SPY")]
    [InlineData(new[] { "help", "sweep" }, "usage: sweep --data bars.csv")]
    [InlineData(new[] { "broker", "check", "--help" }, "usage: broker check")]
    [InlineData(new[] { "bench", "--help" }, "usage: bench indicators")]
    [InlineData(new[] { "indicators", "--input", "x.csv", "--help" }, "usage: indicators --input bars.csv")]
    public void A_commands_help_prints_its_options_and_exits_0(string[] args, string firstLine)
    {
        var (code, stdout, stderr) = Run(args);
        Assert.Equal(0, code);
        Assert.Empty(stderr);
        Assert.StartsWith(firstLine, Lines(stdout)[0]);
    }

    [Theory]
    [InlineData]
    [InlineData("--urls", "http://0.0.0.0:5000")]
    [InlineData("--urls=http://127.0.0.1:0", "--environment", "Production")]
    [InlineData("--contentRoot", "/srv/app", "--applicationName", "x")]
    [InlineData("--Storage:DataDirectory=/data", "--Alpaca:Paper", "false")]
    [InlineData("--Logs__Console", "false")]
    [InlineData("/Storage:DataDirectory", "/data")]
    [InlineData("Storage:DataDirectory=/data")]
    [InlineData("--Storage=", "--Storage:DataDirectory=/data", "--environment=Development")] // as WebApplicationFactory passes them
    public void Host_settings_and_configuration_overrides_still_start_the_web_server(params string[] args)
    {
        Assert.False(CliRunner.Handles(args));
    }

    [Fact]
    public async Task The_real_executable_reports_an_unknown_command_instead_of_starting_the_server()
    {
        var result = await AppProcess.RunAsync(new Dictionary<string, string>(), new[] { "frobnicate" }, TimeSpan.FromSeconds(60));
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: unknown command 'frobnicate'", result.StdErr.Trim());
        Assert.StartsWith(CommandListHeader, result.StdOut);
    }

    [Fact]
    public async Task The_real_executable_hands_server_arguments_to_the_host()
    {
        // An invalid setting given as an argument fails the host's own validation: proof the server path read it.
        var result = await AppProcess.RunAsync(new Dictionary<string, string>(), new[] { "--urls", "http://127.0.0.1:0", "--Logs:RetainedDays=0" }, TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, result.ExitCode);
        Assert.StartsWith("Configuration error: ", Assert.Single(Lines(result.StdErr)));
        Assert.Contains("Logs:RetainedDays must be between 1 and 3650", result.StdErr);
    }

    private static (int Code, string StdOut, string StdErr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.True(CliRunner.Handles(args));
        int code = CliRunner.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
