using System.Text.Json;
using TradingBlazor.Adapters.Simulated;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Engine.Backtesting;
using Xunit.Abstractions;

namespace TradingBlazor.Tests.EngineTests;

/// <summary>
/// Live on Alpaca the engine watches stops itself and sells at market; the backtest's simulated broker fills a stop at
/// its level. The same minute bars through both: each watched stop sells at the open of the minute after the one that
/// crossed the level, each simulated stop at the level (or the open on a gap), and the difference is measured.
/// </summary>
public sealed class WatchedExitsTests(ITestOutputHelper output)
{
    private const decimal StopLoss = 0.004m;

    private static BotConfig Bot => new()
    {
        Name = "stopped",
        Symbols = new() { "SPY" },
        Timeframe = "1m",
        TradingWindow = new TradingWindow { Start = "09:35", End = "15:30" },
        Indicators = new() { "ema(5)", "ema(20)" },
        Entry = new SignalRule { Rule = JsonSerializer.SerializeToElement("ema_5 crosses_above ema_20") },
        Exit = new SignalRule { Rule = JsonSerializer.SerializeToElement("ema_5 crosses_below ema_20 and close > ema_20 * 1.01") },
        Risk = new RiskSettings { PositionFraction = 0.9m, StopLoss = StopLoss, FractionalShares = true },
        Execution = new ExecutionSettings { Mode = Domain.Trading.ExecutionMode.Auto },
    };

    [Fact]
    public void Watched_stops_sell_at_the_next_open_where_the_backtest_fills_at_the_level()
    {
        var calendar = new NyseCalendar();
        var model = new SimulatedPriceModel(calendar, 42);
        var minutes = calendar.SessionsBetween(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 30))
            .SelectMany(s => model.MinuteBars("SPY", s.Date)).ToList();
        var data = new Dictionary<string, IReadOnlyList<Bar>> { ["SPY"] = minutes };
        var bot = BotConfigValidator.CompileOrThrow(Bot);
        var atLevel = new Backtester(bot).Run(data);
        var watched = new Backtester(bot, new BacktestOptions { WatchExits = true }).Run(data);
        var next = minutes.Zip(minutes.Skip(1)).ToDictionary(p => p.First.StartUtc, p => p.Second);
        var byStart = minutes.ToDictionary(b => b.StartUtc);

        var simulatedStops = atLevel.Trades.Where(t => t.ExitReason.StartsWith("stop", StringComparison.Ordinal)).ToList();
        Assert.True(simulatedStops.Count >= 5, $"only {simulatedStops.Count} stops");
        foreach (var t in simulatedStops)
        {
            decimal level = t.EntryPrice * (1 - StopLoss);
            decimal expected = t.ExitReason == "stop (gap)" ? byStart[t.ExitTimeUtc].Open : level;
            Assert.Equal(expected, t.ExitPrice);
        }

        var watchedStops = watched.Trades.Where(t => t.ExitReason == "stop").ToList();
        Assert.True(watchedStops.Count >= 5, $"only {watchedStops.Count} watched stops");
        var costs = new List<double>();
        foreach (var t in watchedStops)
        {
            decimal level = t.EntryPrice * (1 - StopLoss);
            var crossing = minutes.Last(b => b.StartUtc < t.ExitTimeUtc);
            Assert.True(crossing.Low <= level, $"the minute before {t.ExitTimeUtc:u} did not cross {level}");
            Assert.Equal(next[crossing.StartUtc].StartUtc, t.ExitTimeUtc);
            Assert.Equal(next[crossing.StartUtc].Open, t.ExitPrice);
            costs.Add((double)((t.ExitPrice - level) / level) * 10_000);
        }
        Assert.All(watched.Trades, t => Assert.NotEqual("stop (gap)", t.ExitReason)); // the engine has no level to gap through
        output.WriteLine(FormattableString.Invariant(
            $"{simulatedStops.Count} stops at the level vs {watchedStops.Count} watched; watched exit against the level: mean {costs.Average():F1} bps, worst {costs.Min():F1} bps; final equity {atLevel.FinalEquity:F2} at the level vs {watched.FinalEquity:F2} watched"));
    }
}
