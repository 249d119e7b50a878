using System.Diagnostics;
using System.Globalization;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Engine.Reports;
using TradingBlazor.Engine.Reports.Divergence;
using TradingBlazor.Engine.Reports.Pdf;

namespace TradingBlazor.Cli;

/// <summary>
/// <c>bench reports [--trades 5000] [--runs 5] [--out tear-sheet.pdf]</c>: the time to compute a portfolio report over a
/// year of NYSE sessions and to render its PDF tear sheet (figures, two ScottPlot charts, monthly and weekly tables), on
/// seeded synthetic round trips of three bots and six symbols; and the time to match those trades against a backtest of
/// them (one in ten missing live with a journal reason, one in ten filled at another price). Medians after a warm-up.
/// </summary>
public static class ReportBench
{
    public static int Run(CliArguments args, TextWriter stdout)
    {
        int count = args.Int("trades", 5_000, 1, 1_000_000);
        int runs = args.Int("runs", 5, 1, 50);
        var outPath = args.OptionalPath("out");
        args.RejectUnknown();
        var inputs = Year(count, seed: 42);
        if (ReportFonts.Current is null) throw new ReportFontsMissingException();

        PerformanceReport report = null!;
        byte[] pdf = Array.Empty<byte>();
        double Compute() { var sw = Stopwatch.StartNew(); report = ReportCalculator.Compute(inputs); return sw.Elapsed.TotalMilliseconds; }
        double Render() { var sw = Stopwatch.StartNew(); pdf = TearSheet.Build(report, DateTime.UnixEpoch); return sw.Elapsed.TotalMilliseconds; }
        var divergence = DivergenceBench.Inputs(inputs.Trades);
        double Match() { var sw = Stopwatch.StartNew(); DivergenceMatcher.Match(divergence); return sw.Elapsed.TotalMilliseconds; }
        Compute();
        Render();
        Match();
        double compute = BenchCommand.Median(Enumerable.Range(0, runs).Select(_ => Compute()));
        double render = BenchCommand.Median(Enumerable.Range(0, runs).Select(_ => Render()));
        double match = BenchCommand.Median(Enumerable.Range(0, runs).Select(_ => Match()));
        if (outPath is not null) File.WriteAllBytes(outPath.Full, pdf);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count:N0} round trips over {inputs.Sessions.Count} sessions: report {compute:F1} ms, PDF {render:F1} ms ({pdf.Length / 1024.0:F0} KiB), backtest-vs-live matching {match:F1} ms, median of {runs}"));
        return 0;
    }

    /// <summary>A year of sessions ending 2025-12-31 with round trips of a day or less, P&amp;L a few dollars either way.</summary>
    public static ReportInputs Year(int count, int seed)
    {
        var from = new DateOnly(2025, 1, 1);
        var to = new DateOnly(2025, 12, 31);
        var sessions = new NyseCalendar().SessionsBetween(from, to).ToList();
        var random = new Random(seed);
        string[] symbols = { "SPY", "AAPL", "MSFT", "NVDA", "QQQ", "IWM" };
        var trades = new List<ReportTrade>(count);
        for (int i = 0; i < count; i++)
        {
            var session = sessions[random.Next(sessions.Count)];
            var entry = session.OpenUtc.AddMinutes(random.Next(5, 300));
            var exit = entry.AddMinutes(random.Next(1, 90));
            decimal price = 50 + random.Next(0, 40_000) / 100m, quantity = random.Next(1, 20);
            decimal exitPrice = decimal.Round(price * (1 + (decimal)(random.NextDouble() - 0.48) / 50), 2);
            long bot = 1 + i % 3;
            trades.Add(new ReportTrade(i + 1, bot, $"Bot {bot}", symbols[random.Next(symbols.Length)], quantity, price, entry, exitPrice, exit,
                (exitPrice - price) * quantity - 0.02m, 0.02m, "signal"));
        }
        return new ReportInputs(ReportScope.Portfolio, "Portfolio", from, to, 30_000m, 0, trades,
            trades.Select(t => new HoldingSpan(t.EntryUtc, t.ExitUtc)).ToList(), sessions.Select(s => s.Date).ToList());
    }
}
