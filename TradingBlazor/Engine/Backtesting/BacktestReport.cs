using System.Globalization;
using System.Text;
using System.Text.Json;
using TradingBlazor.Domain.Time;

namespace TradingBlazor.Engine.Backtesting;

/// <summary>Writes a result as summary.json, trades.csv and equity.csv (the CLI's output and the UI's export).</summary>
public static class BacktestReport
{
    public static Dictionary<string, object?> Summary(BacktestResult r) => new()
    {
        ["initial_capital"] = r.InitialCapital,
        ["final_equity"] = r.FinalEquity,
        ["total_return_pct"] = r.Metrics.TotalReturnPct,
        ["annualized_return_pct"] = r.Metrics.AnnualizedReturnPct,
        ["closed_trades"] = r.Metrics.ClosedTrades,
        ["max_drawdown_pct"] = r.Metrics.MaxDrawdownPct,
        ["max_drawdown_abs"] = r.Metrics.MaxDrawdownAbs,
        ["max_drawdown_bars"] = r.Metrics.MaxDrawdownBars,
        ["max_drawdown_days"] = r.Metrics.MaxDrawdownDays,
        ["win_rate_pct"] = r.Metrics.WinRatePct,
        ["sharpe"] = r.Metrics.Sharpe,
        ["sortino"] = r.Metrics.Sortino,
        ["calmar"] = r.Metrics.Calmar,
        ["profit_factor"] = double.IsInfinity(r.Metrics.ProfitFactor) ? null : r.Metrics.ProfitFactor,
        ["expectancy"] = r.Metrics.Expectancy,
        ["exposure_pct"] = r.Metrics.ExposurePct,
        ["average_bars_held"] = r.Metrics.AverageBarsHeld,
        ["average_hold_days"] = r.Metrics.AverageHoldDays,
        ["total_fees"] = r.Metrics.TotalFees,
        ["benchmark_return_pct"] = r.Metrics.BenchmarkReturnPct,
        ["bars"] = r.Bars,
        ["from"] = r.FromUtc,
        ["to"] = r.ToUtc,
        ["signals"] = r.Signals.Count,
        ["signals_rejected"] = r.Signals.Count(s => !s.Executed),
        [BacktestActivity.SummaryKey] = r.Activity.ToJson(),
        ["open_positions"] = r.OpenPositions.Select(p => new { symbol = p.Symbol, entry_time = p.EntryTimeUtc, entry_price = p.EntryPrice, quantity = p.Quantity, last_price = p.LastPrice }).ToList(),
    };

    public static void Write(BacktestResult r, string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "summary.json"), JsonSerializer.Serialize(Summary(r), new JsonSerializerOptions { WriteIndented = true }));
        File.WriteAllText(Path.Combine(directory, "trades.csv"), TradesCsv(r));
        File.WriteAllText(Path.Combine(directory, "equity.csv"), EquityCsv(r));
    }

    public static string TradesCsv(BacktestResult r) => BacktestCsv.Trades(r.Trades.Select(StoredTrade.From), Time);

    public static string EquityCsv(BacktestResult r) => BacktestCsv.Equity(r.Equity.Select(p => (p.TimeUtc, p.Equity)), Time);

    /// <summary>New York time of a bar start: the date for session-open (daily) bars, else date and time.</summary>
    private static string Time(DateTime? utc)
    {
        if (utc is not { } t) return "";
        var et = MarketTime.ToEastern(t);
        return et.TimeOfDay == new TimeSpan(9, 30, 0) && et.Second == 0
            ? et.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : et.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }
}
