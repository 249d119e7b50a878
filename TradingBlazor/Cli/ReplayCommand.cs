using TradingBlazor.Engine.Backtesting;

namespace TradingBlazor.Cli;

/// <summary>
/// <c>replay</c>: the options and output files of <c>backtest</c>, but the bars go through the live engine (bot service,
/// runtime, pipeline, order manager, simulated broker) into a fresh SQLite store (--db, default replay.db beside --out).
/// </summary>
public static class ReplayCommand
{
    public const string Usage = "replay --data bars.csv --symbol SPX --strategy config.json [--db replay.db] [backtest's options: --capital, --fractional, --out DIR, costs, --fill, --end]";

    public static async Task<int> RunAsync(CliArguments args, TextWriter stdout)
    {
        var db = args.OptionalPath("db");
        var run = BacktestCommand.Prepare(args);
        var path = db?.Full ?? Path.Combine(run.OutDir?.Full ?? Directory.GetCurrentDirectory(), "replay.db");
        if (File.Exists(path)) throw new CliUsageException($"--db {path} exists: a replay writes a fresh store (delete it or choose another path)");
        if (run.OutDir is not null) Directory.CreateDirectory(run.OutDir.Full);
        var outcome = await new LiveReplay(path).RunAsync(run.Bot.Config, new Dictionary<string, IReadOnlyList<Domain.MarketData.Bar>> { [run.Symbol] = run.Bars }, run.Options);
        BacktestCommand.Report(run, outcome.Result, stdout);
        stdout.WriteLine($"live engine store: {path} (bot {outcome.BotId})");
        return 0;
    }
}
