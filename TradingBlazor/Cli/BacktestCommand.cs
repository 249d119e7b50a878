using System.Globalization;
using TradingBlazor.Adapters.Csv;
using TradingBlazor.Domain.Execution;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Engine.Backtesting;

namespace TradingBlazor.Cli;

/// <summary>
/// <c>backtest --data bars.csv --symbol SPX --strategy samples/strategies/sma_cross.json --capital 10000 [--fractional] [--out DIR]</c>
/// with optional costs (--commission-per-share, --commission-per-order, --commission-pct, --slippage-bps, --slippage-atr),
/// --fill next_open|same_close, --end mark|liquidate and --models DIR (the model registry of ml_ensemble strategies). Writes summary.json, trades.csv, equity.csv and prints the summary.
/// </summary>
public static class BacktestCommand
{
    public const string Usage = "backtest --data bars.csv --symbol SPX --strategy config.json [--capital 10000] [--fractional] [--out DIR] [--commission-per-share X] [--commission-per-order X] [--commission-pct X] [--slippage-bps X] [--slippage-atr X] [--fill next_open|same_close] [--end mark|liquidate] [--models DIR]";

    public static int Run(CliArguments args, TextWriter stdout)
    {
        var run = Prepare(args);
        var result = new Backtester(run.Bot, run.Options).Run(new Dictionary<string, IReadOnlyList<Bar>> { [run.Symbol] = run.Bars });
        Report(run, result, stdout);
        return 0;
    }

    /// <summary>A backtest as the command line asks for it (the <c>replay</c> command takes the same options).</summary>
    public sealed record CliRun(BotConfig Config, CompiledBot Bot, string Symbol, IReadOnlyList<Bar> Bars, BacktestOptions Options, CliPath? OutDir);

    public static CliRun Prepare(CliArguments args)
    {
        var dataPath = args.RequiredPath("data");
        var symbol = args.Optional("symbol") ?? Path.GetFileNameWithoutExtension(dataPath.Full).ToUpperInvariant();
        var strategyPath = args.RequiredPath("strategy");
        decimal? capital = args.Optional("capital") is { } c ? Number(c, "capital", positive: true) : null;
        bool fractional = args.Flag("fractional");
        var outDir = args.OptionalPath("out");
        var commission = new CommissionModel(
            Number(args.Optional("commission-per-order") ?? "0", "commission-per-order"),
            Number(args.Optional("commission-per-share") ?? "0", "commission-per-share"),
            Number(args.Optional("commission-pct") ?? "0", "commission-pct") / 100m);
        var slippage = new SlippageModel(Number(args.Optional("slippage-bps") ?? "0", "slippage-bps"), Number(args.Optional("slippage-atr") ?? "0", "slippage-atr"));
        var timing = (args.Optional("fill") ?? "next_open") switch
        {
            "next_open" => FillTiming.NextOpen,
            "same_close" => FillTiming.SameClose,
            var other => throw new CliUsageException($"--fill must be next_open or same_close (got '{other}')"),
        };
        var end = (args.Optional("end") ?? "mark") switch
        {
            "mark" => EndOfData.MarkToMarket,
            "liquidate" => EndOfData.Liquidate,
            var other => throw new CliUsageException($"--end must be mark or liquidate (got '{other}')"),
        };
        var models = args.OptionalPath("models");
        args.RejectUnknown();
        var dataFile = dataPath.Existing("data");
        MlCommand.UseModels(models);
        var config = BotConfig.Parse(File.ReadAllText(strategyPath.Existing("strategy")));
        var bot = BotConfigValidator.CompileOrThrow(config with { Symbols = new List<string> { symbol } });
        var data = CliBars.ReadAll(dataFile, symbol, bot.Timeframe.IsDaily ? Timeframe.Day1 : null);
        if (data.Bars.Count == 0) throw new CliUsageException($"{Path.GetFileName(dataFile)} has no bars");
        if (data.Bars[0].Timeframe != bot.Timeframe)
            throw new CliUsageException($"{Path.GetFileName(dataFile)} holds {data.Bars[0].Timeframe} bars but the strategy runs on {bot.Timeframe}; aggregate the data or change \"timeframe\"");

        var options = new BacktestOptions
        {
            Capital = capital,
            FractionalShares = fractional ? true : null,
            EndOfData = end,
            Fill = new FillModel(timing, commission, slippage, fractional),
        };
        return new CliRun(bot.Config, bot, symbol, data.Bars, options, outDir);
    }

    /// <summary>Writes the result files (with --out) and prints the summary.</summary>
    public static void Report(CliRun run, BacktestResult result, TextWriter stdout)
    {
        if (run.OutDir is not null) BacktestReport.Write(result, run.OutDir.Full);
        var m = result.Metrics;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run.Config.Name} on {run.Symbol}: {result.Bars:N0} bars {result.FromUtc:yyyy-MM-dd}..{result.ToUtc:yyyy-MM-dd}"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"final equity {result.FinalEquity:N2} ({m.TotalReturnPct:F2}%, {m.AnnualizedReturnPct:F2}%/yr) · benchmark {m.BenchmarkReturnPct:F2}%"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trades {m.ClosedTrades} · win rate {m.WinRatePct:F1}% · profit factor {m.ProfitFactor:F2} · expectancy {m.Expectancy:N2} · exposure {m.ExposurePct:F1}%"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"max drawdown {m.MaxDrawdownPct:F2}% ({m.MaxDrawdownAbs:N2}, {m.MaxDrawdownDays:F0} days) · Sharpe {m.Sharpe:F2} · Sortino {m.Sortino:F2} · Calmar {m.Calmar:F2} · fees {m.TotalFees:N2}"));
        if (run.OutDir is not null) stdout.WriteLine($"wrote summary.json, trades.csv, equity.csv to {run.OutDir}");
    }

    private static decimal Number(string text, string name, bool positive = false)
    {
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || (positive && value == 0))
            throw new CliUsageException($"--{name} must be a {(positive ? "positive" : "non-negative")} number (got '{text}')");
        return value;
    }
}
