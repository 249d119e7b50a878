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
using TradingBlazor.Engine.Preview;
using TradingBlazor.Engine.Reports;
using TradingBlazor.Engine.Trading;
using TradingBlazor.Infrastructure.Configuration;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Backtesting;

public class BacktestActivityTests
{
    private static readonly DateTime Jan = new(2025, 1, 15, 15, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("signal", ExitKind.Rule)]
    [InlineData("stop", ExitKind.StopLoss)]
    [InlineData("stop (gap)", ExitKind.StopLoss)]
    [InlineData("trailing stop", ExitKind.TrailingStop)]
    [InlineData("target", ExitKind.TakeProfit)]
    [InlineData("target (gap)", ExitKind.TakeProfit)]
    [InlineData("flatten before the close", ExitKind.FlatBeforeClose)]
    [InlineData("end of data", ExitKind.EndOfData)]
    [InlineData("kill switch", ExitKind.Other)]
    [InlineData(null, ExitKind.Other)]
    public void Exit_reasons_map_to_their_kind(string? reason, ExitKind kind) => Assert.Equal(kind, ExitKinds.Of(reason));

    private static SignalOutcome Outcome(SignalAction action, bool executed, RiskRejectionCode? refused = null) =>
        new(new Signal("SPY", Jan, action, 1, "rule", new Dictionary<string, double>()), executed, refused is { } c ? new RiskRejection(c, "no") : null);

    private static ClosedTrade Trade(DateTime exit, decimal pnl, string reason) =>
        new("SPY", exit.AddDays(-2), 100, 1, exit, 100 + pnl, pnl, 0, pnl, 2, 0, 0, reason, null);

    [Fact]
    public void Counts_signals_by_side_and_refusal_reason_exits_by_kind_and_returns_by_month()
    {
        var signals = new[]
        {
            Outcome(SignalAction.Buy, true),
            Outcome(SignalAction.Buy, false, RiskRejectionCode.MaxOpenPositions),
            Outcome(SignalAction.Buy, false, RiskRejectionCode.InsufficientCash),
            Outcome(SignalAction.Buy, false, RiskRejectionCode.MaxOpenPositions),
            Outcome(SignalAction.Sell, true),
        };
        var trades = new[] { Trade(Jan, 5m, "signal"), Trade(Jan.AddMonths(1), -2m, "stop"), Trade(Jan.AddMonths(1), -1m, "stop (gap)") };
        // Jan ends at 10,500 (+5%), Feb at 9,975 (−5%); the last point of each month counts.
        var equity = new[] { new EquityPoint(Jan, 10_200m), new EquityPoint(Jan.AddDays(5), 10_500m), new EquityPoint(Jan.AddMonths(1), 9_975m) };

        var activity = BacktestActivity.From(signals, trades, equity, 10_000m);

        Assert.Equal(4, activity.EntrySignals.Generated);
        Assert.Equal(1, activity.EntrySignals.Executed);
        Assert.Equal(3, activity.EntrySignals.Refused);
        Assert.Equal(new[] { new RefusalCount(RiskRejectionCode.MaxOpenPositions, 2), new RefusalCount(RiskRejectionCode.InsufficientCash, 1) },
            activity.EntrySignals.Refusals);
        Assert.Equal(new SignalTally(1, 1, 0, Array.Empty<RefusalCount>()).Generated, activity.ExitSignals.Generated);
        Assert.Equal(new[] { new ExitTally(ExitKind.Rule, 1, 5m), new ExitTally(ExitKind.StopLoss, 2, -3m) }, activity.ExitsByKind);
        Assert.Equal(2, activity.Months.Count);
        Assert.Equal(new PeriodReturn(ReturnPeriod.Month, new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31), 500m, activity.Months[0].ReturnPct, 1), activity.Months[0]);
        Assert.Equal(5.0, activity.Months[0].ReturnPct, 9);
        Assert.Equal((new DateOnly(2025, 2, 1), -525m, 2), (activity.Months[1].Start, activity.Months[1].Pnl, activity.Months[1].Trades));
        Assert.Equal(-5.0, activity.Months[1].ReturnPct, 9);
    }

    [Fact]
    public void A_backtest_stores_its_activity_in_the_summary_with_named_reasons()
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "samples", "strategies", "rsi_mean_reversion.json"));
        var bot = BotConfigValidator.CompileOrThrow(BotConfig.Parse(text));
        var calendar = new NyseCalendar();
        var model = new SimulatedPriceModel(calendar, new SimulationSettings().Seed);
        var sessions = calendar.SessionsBetween(new DateOnly(2025, 1, 2), new DateOnly(2025, 3, 31)).ToList();
        var data = new Dictionary<string, IReadOnlyList<Bar>>
        {
            ["SPY"] = BarAggregator.Aggregate(sessions.SelectMany(d => model.MinuteBars("SPY", d.Date)).ToList(), bot.Timeframe),
        };

        var result = new Backtester(bot).Run(data);
        var json = JsonSerializer.Serialize(BacktestReport.Summary(result));
        var stored = BacktestActivity.FromSummary(JsonDocument.Parse(json).RootElement)!;

        var entries = stored.EntrySignals;
        Assert.Equal(result.Signals.Count(s => s.Signal.Action == SignalAction.Buy), entries.Generated);
        Assert.Equal(entries.Generated, entries.Executed + entries.Refused + entries.AwaitingApproval);
        Assert.Equal(result.Trades.Count, stored.ExitsByKind.Sum(e => e.Trades));
        Assert.Equal(new[] { 1, 2, 3 }, stored.Months.Select(m => m.Start.Month));
        // Compounded months give the run's return.
        double compounded = (stored.Months.Aggregate(1.0, (g, m) => g * (1 + m.ReturnPct / 100)) - 1) * 100;
        Assert.Equal(result.Metrics.TotalReturnPct, compounded, 6);
        // Reasons are stored by name, not number.
        var refusals = JsonDocument.Parse(json).RootElement.GetProperty("activity").GetProperty("entry_signals").GetProperty("refusals");
        Assert.All(refusals.EnumerateArray(), r => Assert.Equal(JsonValueKind.String, r.GetProperty("code").ValueKind));
        Assert.True(entries.Refused > 0, "the sample's morning window refuses some entries");
        Assert.Contains(entries.Refusals, r => r.Code == RiskRejectionCode.OutsideTradingWindow);
    }

    [Fact]
    public void The_probe_counts_how_often_each_entry_condition_held()
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "samples", "strategies", "rsi_mean_reversion.json"))
            .Replace("\"macd > signal\"", "\"rsi_14 > 101\"", StringComparison.Ordinal);
        var bot = BotConfigValidator.CompileOrThrow(BotConfig.Parse(text));
        var calendar = new NyseCalendar();
        var model = new SimulatedPriceModel(calendar, new SimulationSettings().Seed);
        var sessions = calendar.SessionsBetween(new DateOnly(2025, 1, 2), new DateOnly(2025, 1, 31)).ToList();
        var bars = BarAggregator.Aggregate(sessions.SelectMany(d => model.MinuteBars("SPY", d.Date)).ToList(), bot.Timeframe);

        var probe = EntryRuleProbe.Run(bot, new Dictionary<string, IReadOnlyList<Bar>> { ["SPY"] = bars })!;

        Assert.Equal(bars.Count, probe.Bars);
        Assert.Equal(new[] { "rsi_14 crosses_above 30", "close < sma_50", "rsi_14 > 101" }, probe.Conditions.Select(c => c.Condition));
        Assert.InRange(probe.Conditions[0].BarsTrue, 1, bars.Count / 10);
        Assert.InRange(probe.Conditions[1].BarsTrue, bars.Count / 10, bars.Count);
        Assert.Equal(0, probe.Conditions[2].BarsTrue);
        Assert.Equal(0, probe.BarsRuleHeld);
        Assert.Empty(new Backtester(bot).Run(new Dictionary<string, IReadOnlyList<Bar>> { ["SPY"] = bars }).Signals);
    }
}
