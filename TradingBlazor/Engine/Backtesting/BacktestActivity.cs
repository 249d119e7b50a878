using System.Text.Json;
using System.Text.Json.Serialization;
using TradingBlazor.Domain.Execution;
using TradingBlazor.Domain.Time;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Preview;
using TradingBlazor.Engine.Reports;
using TradingBlazor.Engine.Trading;

namespace TradingBlazor.Engine.Backtesting;

/// <summary>What became of one side's signals: how many the strategy generated, how many were sent, and each refusal reason.</summary>
public sealed record SignalTally(int Generated, int Executed, int AwaitingApproval, IReadOnlyList<RefusalCount> Refusals)
{
    public int Refused => Refusals.Sum(r => r.Count);

    public static SignalTally Of(IEnumerable<SignalOutcome> outcomes)
    {
        var list = outcomes.ToList();
        var refusals = list.Where(o => o.Rejection is not null).GroupBy(o => o.Rejection!.Code)
            .Select(g => new RefusalCount(g.Key, g.Count())).OrderByDescending(c => c.Count).ThenBy(c => c.Code).ToList();
        return new SignalTally(list.Count, list.Count(o => o.Executed), list.Count(o => o.AwaitingApproval), refusals);
    }
}

/// <summary>The round trips that closed one way, and what they made.</summary>
public sealed record ExitTally(ExitKind Kind, int Trades, decimal Pnl);

/// <summary>
/// A run's activity beside its metrics: entry and exit signals with refusal reasons (why a run made no trades), exits by
/// kind, and returns by New York calendar month (on the equity at the previous month's end; the capital for the first,
/// P&amp;L the change in marked equity, trades those closed in the month). Stored in the run's summary under <see cref="SummaryKey"/>.
/// </summary>
public sealed record BacktestActivity(SignalTally EntrySignals, SignalTally ExitSignals, IReadOnlyList<ExitTally> ExitsByKind, IReadOnlyList<PeriodReturn> Months)
{
    public const string SummaryKey = "activity";

    /// <summary>snake_case names and enum values, as the rest of the summary.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static BacktestActivity From(IReadOnlyList<SignalOutcome> signals, IReadOnlyList<ClosedTrade> trades, IReadOnlyList<EquityPoint> equity, decimal initial)
    {
        var exits = trades.GroupBy(t => ExitKinds.Of(t.ExitReason)).OrderBy(g => g.Key)
            .Select(g => new ExitTally(g.Key, g.Count(), g.Sum(t => t.Pnl))).ToList();
        return new BacktestActivity(SignalTally.Of(signals.Where(s => s.Signal.Action == SignalAction.Buy)),
            SignalTally.Of(signals.Where(s => s.Signal.Action == SignalAction.Sell)), exits, MonthsOf(trades, equity, initial));
    }

    private static List<PeriodReturn> MonthsOf(IReadOnlyList<ClosedTrade> trades, IReadOnlyList<EquityPoint> equity, decimal initial)
    {
        static DateOnly Month(DateTime utc) { var et = MarketTime.ToEastern(utc); return new DateOnly(et.Year, et.Month, 1); }
        var closed = trades.GroupBy(t => Month(t.ExitTimeUtc)).ToDictionary(g => g.Key, g => g.Count());
        var months = new List<PeriodReturn>();
        decimal start = initial;
        // The curve is in time order: each month ends at its last point.
        foreach (var month in equity.GroupBy(p => Month(p.TimeUtc)))
        {
            decimal end = month.Last().Equity;
            double pct = start != 0 ? (double)(end / start - 1) * 100 : 0;
            months.Add(new PeriodReturn(ReturnPeriod.Month, month.Key, month.Key.AddMonths(1).AddDays(-1), end - start, pct, closed.GetValueOrDefault(month.Key)));
            start = end;
        }
        return months;
    }

    /// <summary>The activity stored in a run's summary; null for runs stored before it was.</summary>
    public static BacktestActivity? FromSummary(JsonElement summary) =>
        summary.ValueKind == JsonValueKind.Object && summary.TryGetProperty(SummaryKey, out var a) && a.ValueKind == JsonValueKind.Object
            ? a.Deserialize<BacktestActivity>(Json)
            : null;

    public JsonElement ToJson() => JsonSerializer.SerializeToElement(this, Json);
}
