using System.Text.Json;
using TradingBlazor.Engine.Backtesting;
using TradingBlazor.Engine.Charts;
using TradingBlazor.Services;

namespace TradingBlazor.Tests.Components.Fakes;

/// <summary>Bot configs for the Lab's forms, as the shipped samples write them.</summary>
public static class TestConfigs
{
    public const string SmaCross = """
        {
          "version": 1,
          "name": "SMA 10/30 crossover",
          "symbols": ["SPX"],
          "capital": 10000,
          "timeframe": "1d",
          "indicators": ["sma(10)", "sma(30)"],
          "entry": { "rule": "sma_10 crosses_above sma_30" },
          "exit": { "rule": "sma_10 crosses_below sma_30" },
          "risk": { "position_sizing": "all_in", "max_position_size": 1, "max_open_positions": 1 },
          "execution": { "mode": "auto" }
        }
        """;

    public const string Bollinger = """
        {
          "version": 1,
          "name": "Bollinger breakout",
          "symbols": ["NVDA"],
          "capital": 25000,
          "timeframe": "1h",
          "indicators": ["bbands(20,2)"],
          "entry": { "rule": "close > bbands_20_2_upper" },
          "exit": { "rule": "close < bbands_20_2_middle" }
        }
        """;

    public const string SweepTemplate = """
        {
          "version": 1,
          "name": "SMA ${fast}/${slow} crossover (sweep template)",
          "symbols": ["SPX"],
          "timeframe": "1d",
          "indicators": ["sma(${fast})", "sma(${slow})"],
          "entry": { "rule": "sma_${fast} crosses_above sma_${slow}" },
          "exit": { "rule": "sma_${fast} crosses_below sma_${slow}" }
        }
        """;

    public static FakeBacktestLab Lab()
    {
        var lab = new FakeBacktestLab { SweepTemplate = SweepTemplate };
        lab.SampleConfigs["bollinger_breakout"] = Bollinger;
        lab.SampleConfigs["sma_cross"] = SmaCross;
        return lab;
    }

    /// <summary>A stored run; <paramref name="summary"/> is its metrics JSON (snake_case), null while it has none.</summary>
    public static RunRow Run(long id, string name, string? summary = null, BacktestStatus status = BacktestStatus.Completed, string? error = null, string symbols = "SPY") =>
        new(id, name, symbols, "1d", new DateOnly(2025, 1, 2), new DateOnly(2025, 10, 31), "Simulated", status, error, summary is null ? null : 11234.56m,
            summary is null ? null : JsonSerializer.Deserialize<JsonElement>(summary));

    public static readonly BacktestChart Chart = new("SPY",
        new[] { new ChartLinePoint(1735830000, 10000), new ChartLinePoint(1735916400, 10100) },
        new[] { new ChartLinePoint(1735830000, 10000), new ChartLinePoint(1735916400, 10050) },
        new[] { new ChartLinePoint(1735830000, 0), new ChartLinePoint(1735916400, 0) },
        new[] { new ChartCandle(1735830000, 100, 101, 99, 100.5, 1000) },
        new[] { new ChartMarker(1735830000, "belowBar", "#26a69a", "arrowUp", "buy") });

    public static readonly StoredTrade Winner = new("SPY", new DateTime(2025, 2, 3, 14, 30, 0, DateTimeKind.Utc), 100.5m, 10m,
        new DateTime(2025, 2, 10, 21, 0, 0, DateTimeKind.Utc), 112.25m, 117.5m, 1m, 11.69m, 5, -1.2m, 12.4m, "signal_exit",
        new DateTime(2025, 2, 3, 14, 29, 0, DateTimeKind.Utc), new Dictionary<string, double> { ["rsi_14"] = 28.5, ["sma_20"] = 101.25 });

    public static readonly StoredTrade Loser = new("SPY", new DateTime(2025, 3, 3, 14, 30, 0, DateTimeKind.Utc), 110m, 10m,
        new DateTime(2025, 3, 5, 21, 0, 0, DateTimeKind.Utc), 104.5m, -56m, 1m, -5.09m, 2, -5.5m, 0.8m, "stop_loss", null, null);
}
