using System.Diagnostics;
using System.Globalization;
using TradingBlazor.Domain.Indicators.Registry;

namespace TradingBlazor.Cli;

/// <summary>
/// <c>bench indicators [--bars 1000000] [--runs 5] [--only id,id]</c> (and the store, backtest, csv and engine benchmarks): batch ns/bar, streaming ns/update and bytes
/// allocated per streaming update for every indicator, medians after a warm-up, on a seeded random walk.
/// Run it from a Release build: <c>dotnet run -c Release --project TradingBlazor -- bench indicators</c>.
/// </summary>
public static class BenchCommand
{
    public static readonly string[] Usages =
    {
        "bench indicators [--bars 1000000] [--runs 5] [--only sma,rsi]",
        "bench store [--days 252]",
        "bench backtest [--bars 1000000]",
        "bench csv [--rows 1000000] [--runs 5]",
        "bench engine [--bots 10,100,1000] [--minutes 390] [--journal memory,store]",
        "bench reports [--trades 5000] [--runs 5] [--out tear-sheet.pdf]",
    };

    public static string Usage => string.Join(" | ", Usages);

    public static async Task<int> RunAsync(string target, CliArguments args, TextWriter stdout)
    {
        if (target == "store") return await StoreBench.RunAsync(args, stdout);
        if (target == "backtest") return BacktestBench.Run(args, stdout);
        if (target == "csv") return CsvBench.Run(args, stdout);
        if (target == "engine") return await EngineBench.RunAsync(args, stdout);
        if (target == "reports") return ReportBench.Run(args, stdout);
        if (target != "indicators") throw new CliUsageException($"unknown benchmark '{target}'; use: {Usage}");
        int count = args.Int("bars", 1_000_000, 1_000, 50_000_000);
        int runs = args.Int("runs", 5, 1, 50);
        var only = args.Optional("only")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        args.RejectUnknown();

        var bars = SyntheticSeries.RandomWalk(count, seed: 12345);
        stdout.WriteLine($"{count:N0} random-walk bars, median of {runs} runs after a warm-up{(Debugger.IsAttached ? " (debugger attached!)" : "")}");
#if DEBUG
        stdout.WriteLine("warning: Debug build; use -c Release for real figures");
#endif
        stdout.WriteLine("| indicator | batch ns/bar | streaming ns/update | bytes/update |");
        stdout.WriteLine("|---|---:|---:|---:|");
        foreach (var definition in IndicatorCatalog.Default.All.Where(d => only is null || only.Contains(d.Id)))
        {
            var spec = IndicatorSpec.Create(definition, Array.Empty<double>());
            int width = definition.Outputs.Count;
            var output = new double[count * width];
            var buffer = new double[width];

            double Batch()
            {
                var sw = Stopwatch.StartNew();
                definition.Compute(spec.Parameters, bars, output);
                return sw.Elapsed.TotalNanoseconds / count;
            }

            long allocated = 0;
            double Streaming()
            {
                var indicator = spec.CreateStreaming();
                long before = GC.GetAllocatedBytesForCurrentThread();
                var sw = Stopwatch.StartNew();
                for (int i = 0; i < bars.Length; i++) indicator.Add(bars[i], buffer);
                double ns = sw.Elapsed.TotalNanoseconds / count;
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                return ns;
            }

            Batch();
            Streaming();
            double batch = Median(Enumerable.Range(0, runs).Select(_ => Batch()));
            double streaming = Median(Enumerable.Range(0, runs).Select(_ => Streaming()));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {spec} | {batch:F1} | {streaming:F1} | {(double)allocated / count:F2} |"));
        }
        return 0;
    }

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted[sorted.Length / 2];
    }
}
