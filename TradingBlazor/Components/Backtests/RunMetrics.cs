using System.Globalization;
using System.Text.Json;
using TradingBlazor.Services;

namespace TradingBlazor.Components.Backtests;

/// <summary>How a run's metrics are shown: the label, the summary key and the number format of each.</summary>
public static class RunMetrics
{
    public sealed record Metric(string Label, string Key, string Format);

    public static readonly IReadOnlyList<Metric> All = new Metric[]
    {
        new("Final equity", "final_equity", "N2"), new("Total return", "total_return_pct", "pct"), new("Annualised", "annualized_return_pct", "pct"),
        new("Buy & hold", "benchmark_return_pct", "pct"), new("Sharpe", "sharpe", "F2"), new("Sortino", "sortino", "F2"), new("Calmar", "calmar", "F2"),
        new("Max drawdown", "max_drawdown_pct", "pct"), new("Drawdown days", "max_drawdown_days", "F0"), new("Trades", "closed_trades", "F0"),
        new("Win rate", "win_rate_pct", "pct"), new("Profit factor", "profit_factor", "F2"), new("Expectancy", "expectancy", "N2"),
        new("Exposure", "exposure_pct", "pct"), new("Avg bars held", "average_bars_held", "F1"), new("Fees", "total_fees", "N2"),
    };

    private static readonly Dictionary<string, string> Formats = All.ToDictionary(m => m.Key, m => m.Format);

    /// <summary>A metric of a run for display, or an em dash where the run has none.</summary>
    public static string Format(RunRow run, string key) => run.Summary is { } summary ? Format(summary, key) : "—";

    public static string Format(JsonElement summary, string key)
    {
        if (!summary.TryGetProperty(key, out var v) || v.ValueKind != JsonValueKind.Number) return "—";
        var format = Formats.GetValueOrDefault(key, "F2");
        // Money (N2: equity, expectancy, fees) is shown from its exact decimal; ratios and percentages are doubles.
        if (format == "N2" && v.TryGetDecimal(out var money)) return money.ToString(format, CultureInfo.InvariantCulture);
        double d = v.GetDouble();
        return format == "pct" ? d.ToString("0.00", CultureInfo.InvariantCulture) + "%" : d.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>How many positions the run still held when its data ended.</summary>
    public static int OpenPositions(JsonElement summary) =>
        summary.TryGetProperty("open_positions", out var open) && open.ValueKind == JsonValueKind.Array ? open.GetArrayLength() : 0;
}
