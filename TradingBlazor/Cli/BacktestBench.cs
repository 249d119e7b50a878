using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Engine.Backtesting;

namespace TradingBlazor.Cli;

/// <summary>
/// <c>bench backtest [--bars 1000000]</c>: the event loop's speed for a single-symbol RSI + MACD rules bot on 1-minute
/// random-walk bars (data, including its one-time double conversion, built before timing), with the bytes allocated per bar; median of 5 after a warm-up.
/// </summary>
public static class BacktestBench
{
    public static int Run(CliArguments args, TextWriter stdout)
    {
        int count = args.Int("bars", 1_000_000, 10_000, 20_000_000);
        args.RejectUnknown();
        var ohlcv = SyntheticSeries.RandomWalk(count, seed: 99);
        var bars = ohlcv.Select(o => new Bar("BENCH", Timeframe.Minute1, DateTime.UnixEpoch.AddMilliseconds(o.TimeMs),
            Math.Round((decimal)o.Open, 2), Math.Round((decimal)o.High, 2) + 0.01m, Math.Round((decimal)o.Low, 2) - 0.01m, Math.Round((decimal)o.Close, 2), (decimal)o.Volume)).ToList();
        bars = bars.Select(b => b with { High = Math.Max(b.High, Math.Max(b.Open, b.Close)), Low = Math.Min(b.Low, Math.Min(b.Open, b.Close)) }).ToList();
        var bot = RsiMacdBot(new[] { "BENCH" });
        var data = new Dictionary<string, BarSeries> { ["BENCH"] = new BarSeries(bars) };

        BacktestResult? last = null;
        (double Seconds, long Bytes) Once()
        {
            GC.Collect();
            long before = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            last = new Backtester(bot).Run(data);
            return (sw.Elapsed.TotalSeconds, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Once();
        var runs = Enumerable.Range(0, 5).Select(_ => Once()).OrderBy(r => r.Seconds).ToList();
        var median = runs[2];
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count:N0} 1m bars, RSI(14)+MACD(12,26,9) rules bot: median {median.Seconds * 1000:F0} ms = {count / median.Seconds:N0} bars/s, " +
            $"{(double)median.Bytes / count:F1} bytes allocated per bar (includes results), {last!.Trades.Count:N0} trades, {last.Signals.Count:N0} signals"));
        return 0;
    }

    /// <summary>The benchmarks' bot: RSI(14) + MACD(12,26,9) rules, half the equity per entry, a 1% stop.</summary>
    public static CompiledBot RsiMacdBot(IReadOnlyList<string> symbols) => BotConfigValidator.CompileOrThrow(new BotConfig
    {
        Name = "bench rsi+macd",
        Symbols = symbols.ToList(),
        Timeframe = "1m",
        TradingWindow = new TradingWindow { Start = "00:00", End = "23:59" },
        Indicators = new() { "rsi(14)", "macd(12,26,9)" },
        Entry = new SignalRule { Rule = JsonDocument.Parse("\"rsi_14 < 30 and macd > signal\"").RootElement },
        Exit = new SignalRule { Rule = JsonDocument.Parse("\"rsi_14 > 70 or macd crosses_below signal\"").RootElement },
        // The bars may run round the clock (no sessions): nothing to flatten before a close.
        Risk = new RiskSettings { PositionSizing = PositionSizing.FixedFraction, PositionFraction = 0.5m, StopLoss = 0.01m, FractionalShares = true, FlatBeforeClose = false },
    });
}
