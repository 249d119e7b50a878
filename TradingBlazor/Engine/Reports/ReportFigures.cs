using System.Globalization;

namespace TradingBlazor.Engine.Reports;

public enum FigureKind { Money, Percent, Ratio, Count, Days }

/// <summary>One headline number of a report, with its label and how it is written.</summary>
public sealed record ReportFigure(string Key, string Label, double Value, decimal? Money, FigureKind Kind)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>For people (screen and PDF): thousands separators, money to the cent, two decimals elsewhere.</summary>
    public string Display => Kind switch
    {
        FigureKind.Money => ReportFormat.Money(Money!.Value),
        FigureKind.Percent => ReportFormat.Pct(Value),
        FigureKind.Count => ReportFormat.Count((int)Value),
        FigureKind.Days => Value.ToString("N1", Invariant),
        _ => ReportFormat.Ratio(Value),
    };

    /// <summary>For files (CSV): no separators, money to the cent, returns and ratios to four decimals, infinity as "inf".</summary>
    public string Plain => Kind switch
    {
        _ when double.IsPositiveInfinity(Value) => "inf",
        FigureKind.Money => Money!.Value.ToString("0.00", Invariant),
        FigureKind.Count => Value.ToString("0", Invariant),
        _ => Value.ToString("0.0000", Invariant),
    };
}

/// <summary>The headline numbers every view of a report shows, in one order: the screen, the CSV and the PDF agree by construction.</summary>
public static class ReportFigures
{
    public static IReadOnlyList<ReportFigure> Of(PerformanceReport r)
    {
        var m = r.Metrics;
        return new ReportFigure[]
        {
            Money("start_equity", "Start equity", r.StartEquity),
            Money("final_equity", "Final equity", r.FinalEquity),
            Money("net_pnl", "Net P&L", r.NetPnl),
            Pct("total_return_pct", "Total return", m.TotalReturnPct),
            Pct("annualized_return_pct", "Annualised", m.AnnualizedReturnPct),
            Pct("max_drawdown_pct", "Max drawdown", m.MaxDrawdownPct),
            Money("max_drawdown_abs", "Max DD $", m.MaxDrawdownAbs),
            new("sharpe", "Sharpe", m.Sharpe, null, FigureKind.Ratio),
            new("sortino", "Sortino", m.Sortino, null, FigureKind.Ratio),
            new("closed_trades", "Trades", m.ClosedTrades, null, FigureKind.Count),
            Pct("win_rate_pct", "Win rate", m.WinRatePct),
            new("profit_factor", "Profit factor", m.ProfitFactor, null, FigureKind.Ratio),
            Money("expectancy", "Expectancy", m.Expectancy),
            Pct("exposure_pct", "Exposure", m.ExposurePct),
            Money("total_fees", "Fees", m.TotalFees),
            new("average_hold_days", "Avg hold (days)", m.AverageHoldDays, null, FigureKind.Days),
        };
    }

    private static ReportFigure Money(string key, string label, decimal value) => new(key, label, (double)value, decimal.Round(value, 2), FigureKind.Money);

    private static ReportFigure Pct(string key, string label, double value) => new(key, label, value, null, FigureKind.Percent);
}

/// <summary>How the screen and the PDF write a report's numbers (invariant: the same text on every machine).</summary>
public static class ReportFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Money(decimal v) => v.ToString("N2", Invariant);
    public static string Pct(double v) => v.ToString("N2", Invariant) + "%";
    public static string Count(int v) => v.ToString("N0", Invariant);
    public static string Ratio(double v) => double.IsPositiveInfinity(v) ? "∞" : v.ToString("N2", Invariant);
    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", Invariant);
}
