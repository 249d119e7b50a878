using System.Text.Json;
using TradingBlazor.Adapters.Simulated;
using TradingBlazor.Data.Entities;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Engine.Charts;

namespace TradingBlazor.Engine.Backtesting;

public sealed record ChartLinePoint(long Time, double Value);
public sealed record ChartMarker(long Time, string Position, string Color, string Shape, string Text);

/// <summary>What the Backtest Lab draws for a run: equity, buy-and-hold, drawdown, and the first symbol's candles with trade markers.</summary>
public sealed record BacktestChart(string Symbol, IReadOnlyList<ChartLinePoint> Equity, IReadOnlyList<ChartLinePoint> Benchmark, IReadOnlyList<ChartLinePoint> Drawdown,
    IReadOnlyList<ChartCandle> Candles, IReadOnlyList<ChartMarker> Markers);

/// <summary>A trade as stored with a run, listed in the Lab and exported.</summary>
public sealed record StoredTrade(string Symbol, DateTime EntryTime, decimal EntryPrice, decimal Quantity, DateTime ExitTime, decimal ExitPrice, decimal Pnl, decimal Fees,
    decimal ReturnPct, int BarsHeld, decimal MaePct, decimal MfePct, string ExitReason, DateTime? SignalTime, Dictionary<string, double>? Values)
{
    public static StoredTrade From(Domain.Execution.ClosedTrade t) => new(t.Symbol, t.EntryTimeUtc, t.EntryPrice, t.Quantity, t.ExitTimeUtc, t.ExitPrice, t.Pnl, t.Fees,
        t.ReturnPct, t.BarsHeld, t.MaePct, t.MfePct, t.ExitReason, t.EntrySignal?.TimeUtc,
        // JSON has no NaN: a value still warming up when the entry fired is left out.
        t.EntrySignal?.Values.Where(kv => double.IsFinite(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value));
}

/// <summary>Builds chart data for a stored run, reloading its bars from the source it used.</summary>
public sealed class BacktestChartBuilder(SimulatedMarket simulated, IBarStore store)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<StoredTrade> Trades(BacktestRunRecord run) =>
        run.TradesJson is null ? Array.Empty<StoredTrade>() : JsonSerializer.Deserialize<List<StoredTrade>>(run.TradesJson, Json)!;

    public async Task<BacktestChart?> BuildAsync(BacktestRunRecord run, CancellationToken ct = default)
    {
        if (run.EquityJson is null) return null;
        var equity = JsonSerializer.Deserialize<List<EquityRow>>(run.EquityJson, Json)!;
        var symbol = run.Symbols.Split(',')[0];
        IHistoricalBars source = run.Source == "store" ? store : simulated;
        var bars = await source.GetBarsAsync(symbol, Timeframe.Parse(run.Timeframe), run.FromUtc, run.ToUtc, ct);
        decimal capital = equity.Count > 0 ? JsonDocument.Parse(run.SummaryJson!).RootElement.GetProperty("initial_capital").GetDecimal() : 0;

        long T(DateTime t) => (t.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerSecond;
        var equityLine = equity.Select(p => new ChartLinePoint(T(p.T), (double)p.E)).ToList();
        var benchmark = bars.Count == 0 ? new List<ChartLinePoint>() : bars.Select(b => new ChartLinePoint(T(b.StartUtc), (double)(capital * b.Close / bars[0].Open))).ToList();
        decimal peak = 0;
        var drawdown = equity.Select(p => { peak = Math.Max(peak, p.E); return new ChartLinePoint(T(p.T), peak > 0 ? -(double)((peak - p.E) / peak) * 100 : 0); }).ToList();
        var candles = bars.Select(b => new ChartCandle(T(b.StartUtc), (double)b.Open, (double)b.High, (double)b.Low, (double)b.Close, (double)b.Volume)).ToList();
        var markers = Trades(run).Where(t => t.Symbol == symbol).SelectMany(t => new[]
        {
            TradeMarkers.Entry(T(t.EntryTime), t.Quantity),
            TradeMarkers.Exit(T(t.ExitTime), t.Pnl),
        }).OrderBy(m => m.Time).ToList();
        return new BacktestChart(symbol, equityLine, benchmark, drawdown, candles, markers);
    }

    private sealed record EquityRow(DateTime T, decimal E);
}
