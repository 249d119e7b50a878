using TradingBlazor.Engine.Backtesting;

namespace TradingBlazor.Engine.Reports;

/// <summary>What a report covers: one bot, or every bot together (the portfolio).</summary>
public sealed record ReportScope(long? BotId)
{
    public static readonly ReportScope Portfolio = new((long?)null);

    public bool IsPortfolio => BotId is null;

    /// <summary>The scope as a URL segment and file name: "portfolio" or the bot's id.</summary>
    public string Slug => BotId is { } id ? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : "portfolio";

    public static ReportScope Bot(long id) => new(id);
}

/// <summary>A closed round trip as a report counts it (realized P&amp;L net of fees, UTC times).</summary>
public sealed record ReportTrade(
    long Id, long? BotId, string BotName, string Symbol, decimal Quantity, decimal EntryPrice, DateTime EntryUtc,
    decimal ExitPrice, DateTime ExitUtc, decimal Pnl, decimal Fees, string? ExitReason)
{
    /// <summary>The trade's return on the money it put in, in percent.</summary>
    public decimal ReturnPct => EntryPrice * Quantity is var cost && cost != 0 ? Pnl / cost * 100 : 0;
}

/// <summary>When a position was held (an open one runs to the end of the period).</summary>
public readonly record struct HoldingSpan(DateTime EntryUtc, DateTime? ExitUtc);

/// <summary>What a report is computed from: the scope's capital, the trades and the sessions of the period.</summary>
public sealed record ReportInputs(
    ReportScope Scope, string Title, DateOnly From, DateOnly To, decimal Capital, decimal PnlBefore,
    IReadOnlyList<ReportTrade> Trades, IReadOnlyList<HoldingSpan> Holdings, IReadOnlyList<DateOnly> Sessions);

/// <summary>One day's close: realized equity, the day's P&amp;L and return, the drawdown from the peak so far.</summary>
public sealed record DailyEquity(DateOnly Date, decimal Equity, decimal Pnl, double ReturnPct, double DrawdownPct, int Trades, bool Exposed);

public enum ReturnPeriod { Day, Week, Month }

/// <summary>The return over a day, a week (Monday to Sunday) or a calendar month, on the equity it started with.</summary>
public sealed record PeriodReturn(ReturnPeriod Period, DateOnly Start, DateOnly End, decimal Pnl, double ReturnPct, int Trades);

/// <summary>One symbol's or one bot's share of the result.</summary>
public sealed record BreakdownRow(string Key, int Trades, double WinRatePct, decimal Pnl, decimal Fees, double ProfitFactor);

/// <summary>
/// The performance of a bot or the portfolio over a period. Equity is realized (capital plus closed round trips' P&amp;L,
/// marked at each session's close in New York); the statistics are the backtester's, on those daily returns.
/// </summary>
public sealed record PerformanceReport(
    ReportScope Scope, string Title, DateOnly From, DateOnly To, decimal StartEquity, decimal FinalEquity,
    decimal NetPnl, decimal GrossProfit, decimal GrossLoss, BacktestMetrics Metrics,
    IReadOnlyList<DailyEquity> Days, IReadOnlyList<PeriodReturn> Weeks, IReadOnlyList<PeriodReturn> Months,
    IReadOnlyList<BreakdownRow> BySymbol, IReadOnlyList<BreakdownRow> ByBot, IReadOnlyList<ReportTrade> Trades)
{
    /// <summary>A bot's ML signals in the period: each model's out-of-sample hit rate beside buy-and-hold's; null without any.</summary>
    public ML.PredictionScore? Predictions { get; init; }
}
