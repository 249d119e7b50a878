using System.Diagnostics;
using System.Globalization;
using TradingBlazor.Adapters.Csv;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Engine.Backtesting;

namespace TradingBlazor.Cli;

/// <summary>
/// <c>sweep --data bars.csv --symbol SPX --strategy template.json --param fast=5:20:5 --param slow=20,30,50 [--metric sharpe] [--top 10] [--parallel N]</c>
/// and <c>walkforward ... --in-sample 1000 --out-of-sample 250</c>. Templates use ${name} placeholders.
/// </summary>
public static class SweepCommands
{
    public const string SweepUsage = "sweep --data bars.csv --symbol SPX --strategy template.json --param name=from:to:step|v1,v2 [...] [--metric sharpe] [--top 10] [--parallel N] [--capital X] [--fractional] [--models DIR]";
    public const string WalkForwardUsage = "walkforward --data bars.csv --symbol SPX --strategy template.json --param ... --in-sample BARS --out-of-sample BARS [--metric sharpe] [--models DIR]";

    private static (string Template, Dictionary<string, double[]> Grid, BarSeries Data, string Symbol, string Metric, BacktestOptions Options) Common(CliArguments args)
    {
        var dataPath = args.RequiredPath("data");
        var symbol = (args.Optional("symbol") ?? Path.GetFileNameWithoutExtension(dataPath.Full)).ToUpperInvariant();
        var strategyPath = args.RequiredPath("strategy");
        var metric = args.Optional("metric") ?? "sharpe";
        if (!ParameterSweep.Metrics.ContainsKey(metric)) throw new CliUsageException($"--metric must be one of {string.Join(", ", ParameterSweep.Metrics.Keys)}");
        var ranges = args.All("param").ToList();
        if (ranges.Count == 0) throw new CliUsageException("at least one --param is required, e.g. --param fast=5:20:5");
        decimal? capital = args.Optional("capital") is { } c ? decimal.Parse(c, CultureInfo.InvariantCulture) : null;
        bool fractional = args.Flag("fractional");
        MlCommand.UseModels(args.OptionalPath("models"));
        var dataFile = dataPath.Existing("data");
        var template = File.ReadAllText(strategyPath.Existing("strategy"));
        var grid = ParameterSweep.ParseGrid(ranges, template);
        var bars = CliBars.ReadAll(dataFile, symbol);
        var options = new BacktestOptions { Capital = capital, FractionalShares = fractional ? true : null };
        return (template, grid, new BarSeries(bars.Bars), symbol, metric, options);
    }

    public static int Sweep(CliArguments args, TextWriter stdout)
    {
        int top = args.Int("top", 10, 1, 10_000);
        int parallel = args.Int("parallel", 0, 0, 256);
        var (template, grid, data, symbol, metric, options) = Common(args);
        args.RejectUnknown();
        var sw = Stopwatch.StartNew();
        var points = ParameterSweep.Run(template, grid, new Dictionary<string, BarSeries> { [symbol] = data }, options, parallel);
        var score = ParameterSweep.Metrics[metric];
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{points.Count} combinations in {sw.Elapsed.TotalSeconds:F2} s on {(parallel > 0 ? parallel : Environment.ProcessorCount)} threads; {points.Count(p => p.Error is not null)} invalid; ranked by {metric}"));
        stdout.WriteLine($"| {string.Join(" | ", grid.Keys)} | {metric} | final equity | return % | max DD % | trades |");
        foreach (var p in points.Where(p => p.Metrics is not null).OrderByDescending(p => score(p.Metrics!)).Take(top))
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {string.Join(" | ", grid.Keys.Select(k => p.Parameters[k]))} | {score(p.Metrics!):F3} | {p.FinalEquity:N2} | {p.Metrics!.TotalReturnPct:F2} | {p.Metrics.MaxDrawdownPct:F2} | {p.Metrics.ClosedTrades} |"));
        return 0;
    }

    public static int WalkForwardRun(CliArguments args, TextWriter stdout)
    {
        int inSample = args.Int("in-sample", 0, 2, 10_000_000);
        int outOfSample = args.Int("out-of-sample", 0, 1, 10_000_000);
        if (inSample == 0 || outOfSample == 0) throw new CliUsageException("--in-sample and --out-of-sample are required (bar counts)");
        var (template, grid, data, symbol, metric, options) = Common(args);
        args.RejectUnknown();
        var result = WalkForward.Run(template, grid, data, symbol, inSample, outOfSample, metric, options);
        stdout.WriteLine($"| test window | chosen | in-sample {metric} | out-of-sample return % | trades |");
        foreach (var w in result.Windows)
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {w.OutOfSampleFromUtc:yyyy-MM-dd}..{w.OutOfSampleToUtc:yyyy-MM-dd} | {string.Join(", ", w.ChosenParameters.Select(kv => $"{kv.Key}={kv.Value}"))} | {w.InSampleScore:F3} | {w.OutOfSample.TotalReturnPct:F2} | {w.Trades} |"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"stitched out-of-sample: {result.InitialCapital:N2} -> {result.FinalEquity:N2} ({(double)(result.FinalEquity / result.InitialCapital - 1) * 100:F2}%) over {result.StitchedEquity.Count} bars"));
        return 0;
    }
}
