using TradingBlazor.Domain.Indicators.Registry;

namespace TradingBlazor.Cli;

/// <summary>Dispatches the command-line tools that share the app's executable. Errors: one line on stderr, non-zero exit.</summary>
public static class CliRunner
{
    public static readonly IReadOnlySet<string> Commands = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "indicators", "backtest", "sweep", "walkforward", "bench", "import", "broker", "data", "help" };

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => RunAsync(args, stdout, stderr).GetAwaiter().GetResult();

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var command = args[0].ToLowerInvariant();
            switch (command)
            {
                case "indicators":
                    return IndicatorsCommand.Run(new CliArguments(args[1..], new HashSet<string> { "list" }), stdout);
                case "backtest":
                    return BacktestCommand.Run(new CliArguments(args[1..], new HashSet<string> { "fractional" }), stdout);
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
                case "broker" or "data":
                    throw new CliUsageException($"usage: {AlpacaCommands.CheckUsage} | {AlpacaCommands.DownloadUsage}");
                case "bench":
                    if (args.Length < 2) throw new CliUsageException($"usage: {BenchCommand.Usage}");
                    return await BenchCommand.RunAsync(args[1], new CliArguments(args[2..], new HashSet<string>()), stdout);
                default:
                    stdout.WriteLine("TradingBlazor commands (no command starts the web app):");
                    stdout.WriteLine("  " + IndicatorsCommand.Usage);
                    stdout.WriteLine("  " + BacktestCommand.Usage);
                    stdout.WriteLine("  " + SweepCommands.SweepUsage);
                    stdout.WriteLine("  " + SweepCommands.WalkForwardUsage);
                    stdout.WriteLine("  " + ImportCommand.Usage);
                    stdout.WriteLine("  " + AlpacaCommands.CheckUsage);
                    stdout.WriteLine("  " + AlpacaCommands.DownloadUsage);
                    stdout.WriteLine("  " + BenchCommand.Usage);
                    return 0;
            }
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
}
