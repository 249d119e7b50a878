using System.Diagnostics;
using System.Globalization;
using System.Text;
using TradingBlazor.Adapters.Csv;

namespace TradingBlazor.Cli;

/// <summary>
/// <c>bench csv [--rows 1000000] [--runs 5]</c>: rows/s and bytes allocated per row of the bar CSV reader on a seeded,
/// non-repeating random walk of 1-minute bars (2-decimal prices, whole volumes, UTC timestamps) held in memory, so the
/// figures are the parser's, not the disk's. Two ways: collecting the bars into a list (backtests) and streaming them
/// (imports). Medians after a warm-up, the two alternating.
/// </summary>
public static class CsvBench
{
    public static int Run(CliArguments args, TextWriter stdout)
    {
        int count = args.Int("rows", 1_000_000, 1_000, 20_000_000);
        int runs = args.Int("runs", 5, 1, 50);
        args.RejectUnknown();
        var csv = RandomWalkCsv(count, seed: 7);

        (double Seconds, long Bytes) Time(Func<int> read)
        {
            GC.Collect();
            long before = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            int bars = read();
            var elapsed = sw.Elapsed.TotalSeconds;
            if (bars != count) throw new InvalidOperationException($"read {bars} bars of {count}: the benchmark data is wrong");
            return (elapsed, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        int List() => BarCsvReader.Read(new StringReader(csv), "BENCH").Bars.Count;
        int Stream()
        {
            using var rows = new BarCsvRows(new StringReader(csv), "BENCH");
            foreach (var _ in rows.Bars()) { }
            return rows.Accepted;
        }

        Time(List);
        Time(Stream);
        var list = new List<(double Seconds, long Bytes)>();
        var stream = new List<(double Seconds, long Bytes)>();
        for (int i = 0; i < runs; i++)
        {
            list.Add(Time(List));
            stream.Add(Time(Stream));
        }
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count:N0} rows of 1m bars ({csv.Length / 1e6:F1} M chars) from memory, median of {runs} after a warm-up{(Debugger.IsAttached ? " (debugger attached!)" : "")}"));
#if DEBUG
        stdout.WriteLine("warning: Debug build; use -c Release for real figures");
#endif
        Report(stdout, "read into a list", list, count);
        Report(stdout, "streamed", stream, count);
        return 0;
    }

    private static void Report(TextWriter stdout, string how, List<(double Seconds, long Bytes)> runs, int count)
    {
        var median = runs.OrderBy(r => r.Seconds).ElementAt(runs.Count / 2);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {how}: {median.Seconds * 1000:F0} ms = {count / median.Seconds:N0} rows/s, {(double)median.Bytes / count:F1} bytes allocated per row"));
    }

    /// <summary>A valid bar file: strictly increasing minutes, high ≥ max(open, close), low ≤ min(open, close), 2-decimal prices.</summary>
    internal static string RandomWalkCsv(int count, int seed)
    {
        var text = new StringBuilder(count * 56).Append("timestamp,open,high,low,close,volume\n");
        foreach (var o in SyntheticSeries.RandomWalk(count, seed))
        {
            decimal open = Math.Round((decimal)o.Open, 2), close = Math.Round((decimal)o.Close, 2);
            decimal high = Math.Max(Math.Round((decimal)o.High, 2), Math.Max(open, close));
            decimal low = Math.Min(Math.Round((decimal)o.Low, 2), Math.Min(open, close));
            text.Append(CultureInfo.InvariantCulture,
                $"{DateTime.UnixEpoch.AddMilliseconds(o.TimeMs):yyyy-MM-dd'T'HH:mm:ss'Z'},{open},{high},{low},{close},{o.Volume}\n");
        }
        return text.ToString();
    }
}
