using System.Diagnostics;
using System.Globalization;
using TradingBlazor.Domain.Indicators.Framework;
using TradingBlazor.Domain.Indicators.Registry;

namespace TradingBlazor.Cli;

/// <summary>
/// <c>bench indicators [--bars 1000000] [--runs 5] [--only id,id] [--talib libtalib_bench.so] [--clock wall|thread]</c> (and the store, backtest, csv and engine benchmarks): batch ns/bar, streaming ns/update and bytes
/// allocated per streaming update for every indicator, medians after a warm-up, on a seeded random walk.
/// Run it from a Release build: <c>dotnet run -c Release --project TradingBlazor -- bench indicators</c>.
/// </summary>
public static class BenchCommand
{
    public static readonly string[] Usages =
    {
        "bench indicators [--bars 1000000] [--runs 5] [--only sma,rsi] [--talib libtalib_bench.so] [--clock wall|thread]",
        "bench store [--days 252]",
        "bench backtest [--bars 1000000]",
        BacktestMemoryBench.Usage,
        "bench csv [--rows 1000000] [--runs 5]",
        "bench engine [--bots 10,100,1000] [--minutes 390] [--journal memory,store]",
        MlBench.Usage,
        "bench reports [--trades 5000] [--runs 5] [--out tear-sheet.pdf]",
    };

    public static string Usage => string.Join(" | ", Usages);

    public static async Task<int> RunAsync(string target, CliArguments args, TextWriter stdout)
    {
        if (target == "store") return await StoreBench.RunAsync(args, stdout);
        if (target == "backtest") return BacktestBench.Run(args, stdout);
        if (target == "backtest-memory") return await BacktestMemoryBench.RunAsync(args, stdout);
        if (target == "csv") return CsvBench.Run(args, stdout);
        if (target == "engine") return await EngineBench.RunAsync(args, stdout);
        if (target == "ml") return MlBench.Run(args, stdout);
        if (target == "reports") return ReportBench.Run(args, stdout);
        if (target != "indicators") throw new CliUsageException($"unknown benchmark '{target}'; use: {Usage}");
        int count = args.Int("bars", 1_000_000, 1_000, 50_000_000);
        int runs = args.Int("runs", 5, 1, 50);
        var only = args.Optional("only")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var talibPath = args.OptionalPath("talib");
        var clock = BenchClock.Parse(args.Optional("clock"));
        args.RejectUnknown();

        var bars = SyntheticSeries.RandomWalk(count, seed: 12345);
        using var talib = talibPath is null ? null : new TaLibReference(talibPath.Existing("TA-Lib benchmark library"), bars, clock);
        stdout.WriteLine($"{count:N0} random-walk bars, median of {runs} runs after a warm-up, {clock.Name}{(Debugger.IsAttached ? " (debugger attached!)" : "")}");
#if DEBUG
        stdout.WriteLine("warning: Debug build; use -c Release for real figures");
#endif
        stdout.WriteLine("| indicator | batch ns/bar | streaming ns/update | bytes/update |" + (talib is null ? "" : " TA-Lib ns/bar | batch / TA-Lib |"));
        stdout.WriteLine("|---|---:|---:|---:|" + (talib is null ? "" : "---:|---:|"));
        foreach (var definition in IndicatorCatalog.Default.All.Where(d => only is null || only.Contains(d.Id)))
        {
            var spec = IndicatorSpec.Create(definition, Array.Empty<double>());
            int width = definition.Outputs.Count;
            var output = new double[count * width];
            var buffer = new double[width];

            double Batch()
            {
                long start = clock.Now();
                definition.Compute(spec.Parameters, bars, output);
                return (double)(clock.Now() - start) / count;
            }

            long allocated = 0;
            double Streaming()
            {
                var indicator = spec.CreateStreaming();
                long before = GC.GetAllocatedBytesForCurrentThread();
                long start = clock.Now(); // not a Stopwatch object: that would count as allocated
                for (int i = 0; i < bars.Length; i++) indicator.Add(bars[i], buffer);
                double ns = (double)(clock.Now() - start) / count;
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                return ns;
            }

            Batch();
            WarmUp(() => Streaming());
            // With TA-Lib, its call and ours alternate (A, B, A, B) and the ratio is the median of each pair's.
            string name = spec.ToString();
            bool reference = talib?.Has(name) == true;
            (double Batch, string Versus) Timed(Func<double> ours)
            {
                var pairs = Enumerable.Range(0, runs).Select(_ => (Ours: ours(), TaLib: reference ? talib!.Time(name) : double.NaN)).ToArray();
                string versus = talib is null ? "" : reference
                    ? string.Create(CultureInfo.InvariantCulture, $" {Median(pairs.Select(p => p.TaLib)):F2} | {Median(pairs.Select(p => p.Ours / p.TaLib)):F2} |")
                    : "  |  |";
                return (Median(pairs.Select(p => p.Ours)), versus);
            }
            var (batch, versus) = Timed(Batch);
            double streaming = Median(Enumerable.Range(0, runs).Select(_ => Streaming()));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {spec} | {batch:F2} | {streaming:F2} | {(double)allocated / count:F2} |{versus}"));
            if (definition.ValueColumn is { } column)
            {
                // TA-Lib's input shape: the one series the indicator reads, 8 bytes a bar, instead of the Ohlcv rows.
                var values = ValueSources.Column(bars, column.Source);
                double Column()
                {
                    long start = clock.Now();
                    column.Compute(spec.Parameters, values, output);
                    return (double)(clock.Now() - start) / count;
                }
                Column();
                var (columnBatch, columnVersus) = Timed(Column);
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {spec} [column] | {columnBatch:F2} |  |  |{columnVersus}"));
            }
        }
        if (talib?.Has(BatchFloor.ReferenceSpec) == true) stdout.WriteLine(BatchFloor.Row(bars, talib, runs, clock));
        return 0;
    }

    /// <summary>
    /// Runs a loop until tiered compilation is done with it: its first ~0.1 s runs unoptimised or on-stack-replaced code
    /// (streaming updates measured 5 to 18 ns between runs that way). At least half a second and 30 calls (the call
    /// count after which a method is recompiled optimised), then a pause for the background compiler to finish.
    /// </summary>
    private static void WarmUp(Action loop)
    {
        var sw = Stopwatch.StartNew();
        for (int calls = 0; calls < 30 || sw.ElapsedMilliseconds < 500; calls++) loop();
        Thread.Sleep(200);
    }

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted[sorted.Length / 2];
    }
}
