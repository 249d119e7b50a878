using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Adapters.Simulated;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Engine.Backtesting;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Backtesting;

/// <summary>
/// A backtest streamed from the real SQLite store, a chunk per symbol at a time, is the run over the same bars held in
/// memory: every trade, fill, signal, equity point and metric.
/// </summary>
public class StreamedBacktestTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Three_symbols_of_minutes_streamed_from_the_store_trade_exactly_as_in_memory()
    {
        await using var app = await TestApp.StartAsync();
        var store = app.Services.GetRequiredService<IBarStore>();
        var model = new SimulatedPriceModel(new NyseCalendar(), 7);
        var sessions = new NyseCalendar().SessionsBetween(new DateOnly(2025, 3, 3), new DateOnly(2025, 3, 31)).Select(s => s.Date).ToList();
        // QQQ misses every 7th minute, so the symbols' instants differ and the merge must interleave them.
        int stored = 0;
        foreach (var symbol in new[] { "SPY", "AAPL", "QQQ" })
            stored += await store.UpsertAsync(sessions.SelectMany(d => model.MinuteBars(symbol, d)).Where((_, i) => symbol != "QQQ" || i % 7 != 3));
        var config = BotConfig.Parse("""
            { "name": "stream", "symbols": ["SPY", "AAPL", "QQQ"], "capital": 30000, "timeframe": "1m",
              "indicators": ["sma(10)", "sma(30)", "rsi(14)"],
              "entry": { "rule": "sma_10 crosses_above sma_30 and rsi_14 < 70" }, "exit": { "rule": "sma_10 crosses_below sma_30" },
              "risk": { "position_sizing": "fixed_fraction", "position_fraction": 0.3, "stop_loss": 0.004, "fractional_shares": true } }
            """);
        var bot = BotConfigValidator.CompileOrThrow(config);
        var service = app.Services.GetRequiredService<BacktestService>();
        var (from, to) = (sessions[0], sessions[^1]);

        var cursors = service.OpenCursors(config.Symbols, bot.Timeframe, from, to, BacktestSource.Store);
        var chunks = new CountingCursor(cursors[0]);
        var reports = new List<double>();
        var streamed = await new Backtester(bot).RunAsync(new[] { chunks, cursors[1], cursors[2] }, new Reports(reports));
        var held = new Backtester(bot).Run(await service.LoadBarsAsync(config.Symbols, bot.Timeframe, from, to, BacktestSource.Store, default));

        Assert.True(chunks.Chunks >= 5, $"{chunks.Chunks} chunks"); // really streamed, a few sessions at a time
        Assert.Equal(stored, held.Bars);
        // Progress is the share of the range replayed: rising, in steps of at least 1%, ending at 1.
        Assert.True(reports.Count >= 3, string.Join(", ", reports));
        Assert.All(reports.Zip(reports.Skip(1)), pair => Assert.True(pair.Second - pair.First >= 0.01 || pair.Second == 1));
        Assert.Equal(1, reports[^1]);
        AssertSameRun(held, streamed);
        Assert.True(held.Trades.Count >= 20, $"{held.Trades.Count} trades");
    }

    [Fact]
    public async Task The_reference_backtest_streamed_from_the_store_still_matches_the_reference()
    {
        await using var app = await TestApp.StartAsync();
        var bars = ReferenceBacktestTests.SpxBars()["SPX"];
        await app.Services.GetRequiredService<IBarStore>().UpsertAsync(bars);
        var bot = BotConfigValidator.CompileOrThrow(ReferenceBacktestTests.SmaCross);
        var service = app.Services.GetRequiredService<BacktestService>();
        var from = Domain.Time.MarketTime.EasternDate(bars[0].StartUtc);
        var to = Domain.Time.MarketTime.EasternDate(bars[^1].StartUtc);

        var options = new BacktestOptions { Capital = 10_000m, FractionalShares = true };
        var cursor = new CountingCursor(service.OpenCursors(new[] { "SPX" }, bot.Timeframe, from, to, BacktestSource.Store)[0]);
        var streamed = await new Backtester(bot, options).RunAsync(new[] { cursor });

        Assert.True(cursor.Chunks >= 2, $"{cursor.Chunks} chunks");
        Assert.Equal(bars.Count, streamed.Bars);
        ReferenceBacktestTests.AssertMatchesReference(streamed, "fractional");
        // The store keeps prices at its own scale (1444.510010 comes back as 1444.51001): compare with the same bars held.
        var held = await service.LoadBarsAsync(new[] { "SPX" }, bot.Timeframe, from, to, BacktestSource.Store, default);
        AssertSameRun(new Backtester(bot, options).Run(held), streamed);
    }

    [Fact]
    public async Task A_symbol_without_bars_in_the_range_is_named_before_anything_runs()
    {
        await using var app = await TestApp.StartAsync();
        var service = app.Services.GetRequiredService<BacktestService>();
        var cursor = service.OpenCursors(new[] { "ZZZQ" }, Timeframe.Minute1, new DateOnly(2025, 3, 3), new DateOnly(2025, 4, 30), BacktestSource.Store)[0];

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => cursor.NextAsync().AsTask());

        Assert.Equal("No 1m bars for ZZZQ from store between 2025-03-03 and 2025-04-30.", error.Message);
    }

    private static void AssertSameRun(BacktestResult expected, BacktestResult actual)
    {
        Assert.Equal(expected.Bars, actual.Bars);
        Assert.Equal(expected.FinalEquity, actual.FinalEquity);
        Assert.Equal(expected.Equity, actual.Equity);
        Assert.Equal(expected.Fills, actual.Fills);
        Assert.Equal(Serialized(expected.Trades.Select(StoredTrade.From)), Serialized(actual.Trades.Select(StoredTrade.From)));
        Assert.Equal(expected.Signals.Select(s => (s.Signal.TimeUtc, s.Signal.Symbol, s.Signal.Action)), actual.Signals.Select(s => (s.Signal.TimeUtc, s.Signal.Symbol, s.Signal.Action)));
        Assert.Equal(expected.Metrics, actual.Metrics);
    }

    private static string Serialized<T>(IEnumerable<T> items) => JsonSerializer.Serialize(items, Json);

    private sealed class Reports(List<double> values) : IProgress<double>
    {
        public void Report(double value) => values.Add(value);
    }

    /// <summary>Counts the chunks a cursor hands out.</summary>
    private sealed class CountingCursor(IBarCursor inner) : IBarCursor
    {
        public int Chunks { get; private set; }
        public string Symbol => inner.Symbol;
        public DateTime EndUtc => inner.EndUtc;

        public async ValueTask<BarSeries?> NextAsync(CancellationToken ct = default)
        {
            var chunk = await inner.NextAsync(ct);
            if (chunk is not null) Chunks++;
            return chunk;
        }
    }
}
