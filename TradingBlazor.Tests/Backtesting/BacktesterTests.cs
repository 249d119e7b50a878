using System.Text.Json;
using TradingBlazor.Adapters.Simulated;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.Execution;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Risk;
using TradingBlazor.Domain.Strategies;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Backtesting;

namespace TradingBlazor.Tests.Backtesting;

public class BacktesterTests
{
    private static DateTime Day(int i) => new DateTime(2024, 1, 2, 14, 30, 0, DateTimeKind.Utc).AddDays(i);

    private static Bar B(int i, decimal o, decimal h, decimal l, decimal c) => new("X", Timeframe.Day1, Day(i), o, h, l, c, 1000);

    private static BotConfig Config(string entry, string? exit = null, RiskSettings? risk = null, params string[] indicators) => new()
    {
        Name = "test",
        Symbols = new() { "X" },
        Capital = 10_000m,
        Timeframe = "1d",
        Indicators = indicators.ToList(),
        Entry = new SignalRule { Rule = JsonDocument.Parse(JsonSerializer.Serialize(entry)).RootElement },
        Exit = exit is null ? null : new SignalRule { Rule = JsonDocument.Parse(JsonSerializer.Serialize(exit)).RootElement },
        Risk = risk ?? new RiskSettings { PositionSizing = PositionSizing.AllIn },
    };

    private static BacktestResult Run(BotConfig config, IReadOnlyList<Bar> bars, BacktestOptions? options = null) =>
        new Backtester(BotConfigValidator.CompileOrThrow(config), options).Run(new Dictionary<string, IReadOnlyList<Bar>> { ["X"] = bars });

    [Fact]
    public void Corrupting_future_bars_does_not_change_any_decision_before_them()
    {
        var bars = ReferenceBacktestTests.SpxBars()["SPX"];
        var config = ReferenceBacktestTests.SmaCross with { Symbols = new() { "X" } };
        int cut = 3000;
        var corrupted = bars.Select((b, i) => i <= cut ? b with { Symbol = "X" } : b with { Symbol = "X", Open = b.Open * 3, High = b.High * 3, Low = b.Low * 3, Close = b.Close * 3 }).ToList();
        var clean = bars.Select(b => b with { Symbol = "X" }).ToList();

        var a = Run(config, clean);
        var b = Run(config, corrupted);
        var cutTime = bars[cut].StartUtc;
        // Every signal, fill and equity mark up to and including the cut bar is identical.
        Assert.Equal(a.Signals.Where(s => s.Signal.TimeUtc <= cutTime).Select(s => (s.Signal.TimeUtc, s.Signal.Action)),
                     b.Signals.Where(s => s.Signal.TimeUtc <= cutTime).Select(s => (s.Signal.TimeUtc, s.Signal.Action)));
        Assert.Equal(a.Fills.Where(f => f.TimeUtc <= cutTime), b.Fills.Where(f => f.TimeUtc <= cutTime));
        Assert.Equal(a.Equity.Take(cut + 1), b.Equity.Take(cut + 1));
        Assert.NotEqual(a.FinalEquity, b.FinalEquity); // and the corruption did matter afterwards
    }

    [Fact]
    public void A_gap_through_the_stop_fills_at_the_open_and_a_touch_fills_at_the_stop()
    {
        var risk = new RiskSettings { PositionSizing = PositionSizing.AllIn, StopLoss = 0.10m };
        // Bar 0 signals (close > 0 always), bar 1 opens at 100 (entry; stop 90), bar 2 gaps down to 80.
        var gap = new[] { B(0, 100, 101, 99, 100), B(1, 100, 101, 99, 100), B(2, 80, 82, 78, 81) };
        var t = Assert.Single(Run(Config("close > 0", null, risk), gap).Trades);
        Assert.Equal(80m, t.ExitPrice);
        Assert.Equal("stop (gap)", t.ExitReason);

        var touch = new[] { B(0, 100, 101, 99, 100), B(1, 100, 101, 99, 100), B(2, 95, 96, 85, 94) };
        t = Assert.Single(Run(Config("close > 0", null, risk), touch).Trades);
        Assert.Equal(90m, t.ExitPrice);
        Assert.Equal("stop", t.ExitReason);
    }

    [Fact]
    public void When_one_bar_touches_stop_and_target_the_stop_is_taken()
    {
        var risk = new RiskSettings { PositionSizing = PositionSizing.AllIn, StopLoss = 0.05m, TakeProfit = 0.05m };
        var bars = new[] { B(0, 100, 101, 99, 100), B(1, 100, 101, 99, 100), B(2, 100, 106, 94, 100) };
        var t = Assert.Single(Run(Config("close > 0", null, risk), bars).Trades);
        Assert.Equal(95m, t.ExitPrice);
        Assert.Equal("stop", t.ExitReason);
    }

    [Fact]
    public void A_trailing_stop_follows_the_high()
    {
        var risk = new RiskSettings { PositionSizing = PositionSizing.AllIn, TrailingStop = 0.10m };
        var bars = new[] { B(0, 100, 101, 99, 100), B(1, 100, 101, 99, 100), B(2, 101, 120, 100, 118), B(3, 117, 118, 100, 105) };
        var t = Assert.Single(Run(Config("close > 0", null, risk), bars).Trades);
        Assert.Equal(108m, t.ExitPrice); // 10% below the 120 high
        Assert.Equal("trailing stop", t.ExitReason);
    }

    [Fact]
    public void Costs_are_charged_and_same_close_fills_use_the_signal_close()
    {
        var bars = new[] { B(0, 100, 101, 99, 100), B(1, 102, 103, 101, 102), B(2, 104, 105, 103, 104) };
        var options = new BacktestOptions
        {
            Fill = new FillModel(FillTiming.SameClose, new CommissionModel(PerOrder: 1m, PerShare: 0.01m), new SlippageModel(Bps: 10m), false),
            EndOfData = EndOfData.Liquidate,
        };
        var r = Run(Config("close > 0"), bars, options);
        var buy = r.Fills[0];
        Assert.Equal(100.1m, buy.Price);                              // close 100 + 10 bps
        Assert.Equal(99m, buy.Quantity);                             // (10000 - 1) / (100.1 + 0.01) rounded down
        Assert.Equal(1m + 0.99m, buy.Fee);
        Assert.Equal("end of data", r.Fills[^1].Reason);
        Assert.True(r.Metrics.TotalFees > 3m);
        Assert.True(r.FinalEquity < 10_000m + 99 * (104m - 100m));   // costs reduce the result
    }

    [Fact]
    public void Property_cash_never_goes_negative_and_positions_equal_the_sum_of_fills()
    {
        // Random strategies, costs and prices: the no-leverage and bookkeeping invariants hold throughout.
        var calendar = new NyseCalendar();
        for (int seed = 1; seed <= 25; seed++)
        {
            var random = new Random(seed);
            var model = new SimulatedPriceModel(calendar, seed);
            var bars = calendar.SessionsBetween(new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31))
                .SelectMany(s => model.MinuteBars("X", s.Date)).ToList();
            var risk = new RiskSettings
            {
                PositionSizing = (PositionSizing)random.Next(4),
                PositionFraction = 0.2m + (decimal)random.NextDouble() * 0.8m,
                PositionAmount = 1000m + random.Next(20_000),
                StopLoss = random.Next(2) == 0 ? 0.005m : null,
                TrailingStopAtr = random.Next(2) == 0 ? 2m : null,
                FractionalShares = random.Next(2) == 0,
                MaxPositionSize = 1m,
            };
            var config = Config($"rsi_14 < {30 + random.Next(30)}", $"rsi_14 > {50 + random.Next(30)}", risk, "rsi(14)") with { Timeframe = "1m", TradingWindow = new TradingWindow { Start = "09:30", End = "16:00" } };
            var options = new BacktestOptions
            {
                Fill = new FillModel(random.Next(2) == 0 ? FillTiming.NextOpen : FillTiming.SameClose,
                    new CommissionModel(random.Next(3), random.Next(3) * 0.005m, random.Next(3) * 0.001m), new SlippageModel(random.Next(20)), risk.FractionalShares),
            };
            var r = Run(config, bars, options);

            decimal cash = 10_000m, held = 0m;
            foreach (var f in r.Fills)
            {
                cash += f.Side == OrderSide.Buy ? -(f.Quantity * f.Price + f.Fee) : f.Quantity * f.Price - f.Fee;
                held += f.Side == OrderSide.Buy ? f.Quantity : -f.Quantity;
                Assert.True(cash >= 0, $"seed {seed}: cash went negative ({cash}) at {f.TimeUtc:O}");
                Assert.True(held >= 0, $"seed {seed}: short position");
                if (!risk.FractionalShares) Assert.Equal(decimal.Floor(f.Quantity), f.Quantity);
            }
            Assert.Equal(r.OpenPositions.Sum(p => p.Quantity), held);
            Assert.Equal(cash + r.OpenPositions.Sum(p => p.Quantity * p.LastPrice), r.FinalEquity);
        }
    }

    [Fact]
    public void Entries_outside_the_trading_window_are_rejected_with_a_reason()
    {
        var model = new SimulatedPriceModel(new NyseCalendar(), 3);
        var bars = model.MinuteBars("X", new DateOnly(2025, 3, 3)).ToList();
        var config = Config("close > 0") with { Timeframe = "1m", TradingWindow = new TradingWindow { Start = "10:00", End = "11:00" } };
        var r = Run(config, bars);
        Assert.Contains(r.Signals, s => s.Rejection?.Code == RiskRejectionCode.OutsideTradingWindow);
        var entry = r.Fills.First(f => f.Side == OrderSide.Buy);
        var et = Domain.Time.MarketTime.ToEastern(entry.TimeUtc);
        Assert.InRange(et.TimeOfDay, TimeSpan.FromHours(10), TimeSpan.FromHours(11).Add(TimeSpan.FromMinutes(1)));
    }
}
