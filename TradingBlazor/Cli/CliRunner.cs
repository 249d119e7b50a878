using TradingBlazor.Domain.Indicators.Registry;

namespace TradingBlazor.Cli;

/// <summary>
/// Dispatches the command-line tools that share the app's executable. Help (<c>help</c>, <c>--help</c>, <c>-h</c>, or
/// <c>--help</c> after a command) prints usage and exits 0. Errors: one line on stderr, non-zero exit; an unknown
/// command or option also prints the usage on stdout (exit 2) instead of starting the web server.
/// </summary>
public static class CliRunner
{
    private static readonly string[] HelpWords = { "help", "--help", "-h", "-?", "/?" };

    /// <summary>Each command's usage lines, in the order the command list shows them.</summary>
    private static readonly (string Command, string[] Usage)[] Usages =
    {
        ("indicators", new[] { IndicatorsCommand.Usage }),
        ("backtest", new[] { BacktestCommand.Usage }),
        ("replay", new[] { ReplayCommand.Usage }),
        ("sweep", new[] { SweepCommands.SweepUsage }),
        ("walkforward", new[] { SweepCommands.WalkForwardUsage }),
        ("import", new[] { ImportCommand.Usage }),
        ("broker", new[] { AlpacaCommands.CheckUsage }),
        ("data", new[] { AlpacaCommands.DownloadUsage }),
        ("bench", BenchCommand.Usages),
        ("ml", new[] { MlCommand.Usage }),
    };

    public static readonly IReadOnlySet<string> Commands = Usages.Select(u => u.Command).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the command line is the CLI's (a command, help, or a mistake to report) rather than the web server's.</summary>
    public static bool Handles(string[] args) => args.Length > 0 && (Commands.Contains(args[0]) || IsHelp(args[0]) || ServerArguments.Problem(args) is not null);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => RunAsync(args, stdout, stderr).GetAwaiter().GetResult();

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (IsHelp(args[0]))
            return args.Length > 1 && Commands.Contains(args[1]) ? CommandHelp(args[1], stdout) : CommandList(stdout);
        if (!Commands.Contains(args[0]))
        {
            stderr.WriteLine($"error: {ServerArguments.Problem(args) ?? $"unknown command '{args[0]}'"}");
            CommandList(stdout);
            return 2;
        }
        if (args.Skip(1).Any(IsHelp)) return CommandHelp(args[0], stdout);
        try
        {
            return await DispatchAsync(args[0].ToLowerInvariant(), args, stdout);
        }
        catch (Exception ex) when (ex is CliUsageException or IndicatorSpecException or FormatException or IOException or UnauthorizedAccessException
                                   or Domain.Strategies.Config.BotConfigException)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return 2;
        }
        catch (Exception ex)
        {
            // Anything else still ends as one line, never a stack trace.
            stderr.WriteLine($"error: {ex.GetBaseException().Message.ReplaceLineEndings(" ")}");
            return 1;
        }
    }

    private static async Task<int> DispatchAsync(string command, string[] args, TextWriter stdout)
    {
        switch (command)
        {
            case "indicators":
                return IndicatorsCommand.Run(new CliArguments(args[1..], new HashSet<string> { "list" }), stdout);
            case "backtest":
                return BacktestCommand.Run(new CliArguments(args[1..], new HashSet<string> { "fractional" }), stdout);
            case "replay":
                return await ReplayCommand.RunAsync(new CliArguments(args[1..], new HashSet<string> { "fractional" }), stdout);
            case "sweep":
                return SweepCommands.Sweep(new CliArguments(args[1..], new HashSet<string> { "fractional" }), stdout);
            case "walkforward":
                return SweepCommands.WalkForwardRun(new CliArguments(args[1..], new HashSet<string> { "fractional" }), stdout);
            case "import":
            {
                var rest = args[1..];
                return await ImportCommand.RunAsync(new CliArguments(rest, new HashSet<string>()), CliHost.ConfigurationArgs(rest), stdout);
            }
            case "broker" when args.Length > 1 && args[1] == "check":
            {
                var rest = args[2..];
                return await AlpacaCommands.CheckAsync(new CliArguments(rest, new HashSet<string>()), CliHost.ConfigurationArgs(rest), stdout);
            }
            case "data" when args.Length > 1 && args[1] == "download":
            {
                var rest = args[2..];
                return await AlpacaCommands.DownloadAsync(new CliArguments(rest, new HashSet<string>()), CliHost.ConfigurationArgs(rest), stdout);
            }
            case "ml":
                return await MlCommand.RunAsync(args, stdout);
            case "broker":
                throw new CliUsageException($"usage: {AlpacaCommands.CheckUsage}");
            case "data":
                throw new CliUsageException($"usage: {AlpacaCommands.DownloadUsage}");
            default: // bench
                if (args.Length < 2) throw new CliUsageException($"usage: {BenchCommand.Usage}");
                return await BenchCommand.RunAsync(args[1], new CliArguments(args[2..], new HashSet<string>()), stdout);
        }
    }

    private static bool IsHelp(string arg) => HelpWords.Contains(arg, StringComparer.OrdinalIgnoreCase);

    private static int CommandList(TextWriter stdout)
    {
        stdout.WriteLine("TradingBlazor commands (no command starts the web app; --urls, --environment and --Section:Key=value configure it):");
        foreach (var line in Usages.SelectMany(u => u.Usage)) stdout.WriteLine("  " + line);
        stdout.WriteLine("Options of one command: TradingBlazor <command> --help");
        return 0;
    }

    private static int CommandHelp(string command, TextWriter stdout)
    {
        foreach (var line in Usages.Single(u => u.Command.Equals(command, StringComparison.OrdinalIgnoreCase)).Usage) stdout.WriteLine("usage: " + line);
        return 0;
    }
}
