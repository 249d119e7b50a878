using TradingBlazor.Domain.Execution;
using TradingBlazor.Domain.MarketData;

namespace TradingBlazor.Engine.Backtesting;

/// <summary>
/// Performance statistics. Returns are per bar on the close-marked equity; Sharpe and Sortino are annualised with the
/// timeframe's bars per year (252 sessions, 390 minutes each) and a zero risk-free rate; the annualised return is
/// compounded over calendar time; drawdown is measured on the close-marked equity (duration in bars and days, peak to recovery
/// or to the end); exposure is the share of bars holding a position; the benchmark buys every symbol (equal weights) at the
/// first bar's open and values it at the last close.
/// </summary>
public sealed record BacktestMetrics(
    double TotalReturnPct, double AnnualizedReturnPct, double Sharpe, double Sortino,
    double MaxDrawdownPct, decimal MaxDrawdownAbs, int MaxDrawdownBars, double MaxDrawdownDays, double Calmar,
    int ClosedTrades, double WinRatePct, double ProfitFactor, decimal Expectancy, double ExposurePct,
    double AverageBarsHeld, double AverageHoldDays, decimal TotalFees, double BenchmarkReturnPct)
{
    public static int BarsPerYear(Timeframe timeframe) => timeframe.Code switch
    {
        "1m" => 252 * 390,
        "5m" => 252 * 78,
        "15m" => 252 * 26,
        "1h" => 252 * 7,
        _ => 252,
    };

    public static BacktestMetrics Compute(decimal initial, IReadOnlyList<EquityPoint> equity, IReadOnlyList<ClosedTrade> trades, IReadOnlyList<Fill> fills,
        int barsInPosition, Timeframe timeframe, double benchmarkReturnPct) =>
        Compute(initial, equity, trades, fills.Sum(f => f.Fee), barsInPosition, timeframe, benchmarkReturnPct);

    /// <summary>The same statistics from the fees alone: live trading reports its round trips' fees, not a backtest's fills.</summary>
    public static BacktestMetrics Compute(decimal initial, IReadOnlyList<EquityPoint> equity, IReadOnlyList<ClosedTrade> trades, decimal totalFees,
        int barsInPosition, Timeframe timeframe, double benchmarkReturnPct)
    {
        decimal final = equity.Count > 0 ? equity[^1].Equity : initial;
        double totalReturn = (double)(final / initial - 1) * 100;
        double years = equity.Count > 1 ? (equity[^1].TimeUtc - equity[0].TimeUtc).TotalDays / 365.25 : 0;
        double annualized = years > 0 && final > 0 ? (Math.Pow((double)(final / initial), 1 / years) - 1) * 100 : 0;

        // Per-bar returns; the first bar's return is against the initial capital.
        double sum = 0, sumSq = 0, downSq = 0;
        int n = equity.Count;
        decimal previous = initial, peak = initial, maxDd = 0;
        double maxDdPct = 0;
        int peakIndex = -1, ddBars = 0;
        double ddDays = 0;
        for (int i = 0; i < n; i++)
        {
            decimal e = equity[i].Equity;
            // Ratios in double: a statistic, not money, and a decimal division per bar was a tenth of the backtest's time.
            double r = previous != 0 ? (double)e / (double)previous - 1 : 0;
            sum += r;
            sumSq += r * r;
            if (r < 0) downSq += r * r;
            previous = e;
            if (e >= peak) { peak = e; peakIndex = i; }
            else
            {
                if (peak - e > maxDd) maxDd = peak - e;
                double pct = (double)(peak - e) / (double)peak * 100;
                if (pct > maxDdPct) maxDdPct = pct;
                int bars = i - peakIndex;
                if (bars > ddBars)
                {
                    ddBars = bars;
                    ddDays = (equity[i].TimeUtc - (peakIndex >= 0 ? equity[peakIndex].TimeUtc : equity[0].TimeUtc)).TotalDays;
                }
            }
        }
        double mean = n > 0 ? sum / n : 0;
        double std = n > 1 ? Math.Sqrt(Math.Max(0, (sumSq - n * mean * mean) / (n - 1))) : 0;
        double downside = n > 0 ? Math.Sqrt(downSq / n) : 0;
        double scale = Math.Sqrt(BarsPerYear(timeframe));

        var pnls = trades.Select(t => t.Pnl).ToList();
        return new BacktestMetrics(
            totalReturn, annualized,
            std > 0 ? mean / std * scale : 0,
            downside > 0 ? mean / downside * scale : 0,
            maxDdPct, maxDd, ddBars, ddDays,
            maxDdPct > 0 ? annualized / maxDdPct : 0,
            trades.Count,
            TradeStats.WinRatePct(pnls), TradeStats.ProfitFactor(pnls),
            trades.Count > 0 ? pnls.Sum() / trades.Count : 0,
            n > 0 ? 100.0 * barsInPosition / n : 0,
            trades.Count > 0 ? trades.Average(t => t.BarsHeld) : 0,
            trades.Count > 0 ? trades.Average(t => (t.ExitTimeUtc - t.EntryTimeUtc).TotalDays) : 0,
            totalFees,
            benchmarkReturnPct);
    }
}

/// <summary>Statistics of a set of round trips' P&amp;L, shared by the backtester and the live reports.</summary>
public static class TradeStats
{
    /// <summary>The share of round trips that made money (0 without any).</summary>
    public static double WinRatePct(IReadOnlyCollection<decimal> pnls) => pnls.Count > 0 ? 100.0 * pnls.Count(p => p > 0) / pnls.Count : 0;

    /// <summary>Gross profit over gross loss: infinite with gains and no loss, 0 without gains.</summary>
    public static double ProfitFactor(IEnumerable<decimal> pnls)
    {
        decimal grossWin = 0, grossLoss = 0;
        foreach (var p in pnls)
            if (p > 0) grossWin += p;
            else grossLoss -= p;
        return grossLoss > 0 ? (double)(grossWin / grossLoss) : grossWin > 0 ? double.PositiveInfinity : 0;
    }
}
