using Microsoft.Data.Sqlite;
using TradingBlazor.Cli;
using TradingBlazor.Domain.Execution;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Engine.Backtesting;
using TradingBlazor.Tests.Backtesting;
using TradingBlazor.Tests.Support;
using Xunit.Abstractions;

namespace TradingBlazor.Tests.EngineTests;

/// <summary>
/// The live engine replaying recorded bars (bot service, runtime, worker, pipeline, order manager, simulated broker,
/// a fresh SQLite store) gives the backtest's trades and equity exactly, and the reference backtest's results.
/// </summary>
public sealed class ReplayTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tb-replay-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData("fractional", true)]
    [InlineData("integer", false)]
    public async Task Replay_of_sma_cross_equals_the_backtest_and_the_reference(string mode, bool fractional)
    {
        var options = new BacktestOptions { Capital = 10_000m, FractionalShares = fractional };
        var backtest = new Backtester(BotConfigValidator.CompileOrThrow(ReferenceBacktestTests.SmaCross), options).Run(ReferenceBacktestTests.SpxBars());
        var replay = await new LiveReplay(Path.Combine(_dir, $"{mode}.db")).RunAsync(ReferenceBacktestTests.SmaCross, ReferenceBacktestTests.SpxBars(), options);

        AssertSameRun(backtest, replay.Result);
        output.WriteLine(ReferenceBacktestTests.AssertMatchesReference(replay.Result, mode));
        AssertStoreHolds(replay, backtest);
    }

    [Fact]
    public async Task Replay_equals_the_backtest_with_costs_same_close_fills_and_liquidation()
    {
        var options = new BacktestOptions
        {
            Capital = 25_000m, FractionalShares = true, EndOfData = EndOfData.Liquidate,
            Fill = new FillModel(FillTiming.SameClose, new CommissionModel(1m, 0.005m, 0.001m), new SlippageModel(5m, 0.1m), true),
        };
        var config = ReferenceBacktestTests.SmaCross with { Risk = ReferenceBacktestTests.SmaCross.Risk with { StopLoss = 0.05m, TrailingStop = 0.1m } };
        var backtest = new Backtester(BotConfigValidator.CompileOrThrow(config), options).Run(ReferenceBacktestTests.SpxBars());
        var replay = await new LiveReplay(Path.Combine(_dir, "costs.db")).RunAsync(config, ReferenceBacktestTests.SpxBars(), options);

        Assert.Contains(backtest.Trades, t => t.ExitReason.Contains("stop", StringComparison.Ordinal));
        AssertSameRun(backtest, replay.Result);
        AssertStoreHolds(replay, backtest);
    }

    [Fact]
    public async Task A_replay_that_fails_midway_leaves_no_store_and_a_killed_ones_leftovers_are_replaced()
    {
        var path = Path.Combine(_dir, "replay.db");
        var invalid = ReferenceBacktestTests.SmaCross with { Capital = -1m }; // refused by the bot service, after the store exists
        await Assert.ThrowsAsync<BotConfigException>(() => new LiveReplay(path).RunAsync(invalid, ReferenceBacktestTests.SpxBars(), new BacktestOptions()));
        Assert.Empty(Directory.GetFiles(_dir));

        await File.WriteAllTextAsync(path + ".partial", "what a replay killed midway left behind");
        var replay = await new LiveReplay(path).RunAsync(ReferenceBacktestTests.SmaCross, ReferenceBacktestTests.SpxBars(), new BacktestOptions { Capital = 10_000m });
        Assert.Equal(path, replay.DatabasePath);
        Assert.Equal(new[] { path }, Directory.GetFiles(_dir));
        var backtest = new Backtester(BotConfigValidator.CompileOrThrow(ReferenceBacktestTests.SmaCross), new BacktestOptions { Capital = 10_000m })
            .Run(ReferenceBacktestTests.SpxBars());
        AssertStoreHolds(replay, backtest);
    }

    [Fact]
    public async Task The_replay_command_writes_the_backtest_files_and_a_store()
    {
        var args = new[] { "--data", SpxFixture.BarsPath, "--symbol", "SPX", "--strategy", Path.Combine(TestPaths.RepositoryRoot, "samples", "strategies", "sma_cross.json"), "--fractional" };
        var replayOut = new StringWriter();
        Assert.Equal(0, await CliRunner.RunAsync(["replay", .. args, "--out", Path.Combine(_dir, "replay")], replayOut, TextWriter.Null));
        Assert.Equal(0, await CliRunner.RunAsync(["backtest", .. args, "--out", Path.Combine(_dir, "backtest")], TextWriter.Null, TextWriter.Null));

        foreach (var file in new[] { "summary.json", "trades.csv", "equity.csv" })
            Assert.Equal(File.ReadAllText(Path.Combine(_dir, "backtest", file)), File.ReadAllText(Path.Combine(_dir, "replay", file)));
        Assert.True(File.Exists(Path.Combine(_dir, "replay", "replay.db")));
        Assert.Contains("live engine store", replayOut.ToString());

        var again = new StringWriter();
        Assert.Equal(2, await CliRunner.RunAsync(["replay", .. args, "--out", Path.Combine(_dir, "replay")], TextWriter.Null, again));
        Assert.Contains("exists", again.ToString());
    }

    private static void AssertSameRun(BacktestResult expected, BacktestResult actual)
    {
        Assert.Equal(expected.Equity, actual.Equity);
        Assert.Equal(expected.FinalEquity, actual.FinalEquity);
        Assert.Equal(expected.Trades.Select(Key), actual.Trades.Select(Key));
        // The same executions; only the client order ids differ (a backtest's "bt-" prefix, the bot's "tb{id}-").
        Assert.Equal(expected.Fills.Select(f => f with { ClientOrderId = "", ExecutionId = "" }), actual.Fills.Select(f => f with { ClientOrderId = "", ExecutionId = "" }));
        Assert.All(actual.Fills, f => Assert.StartsWith("tb", f.ClientOrderId));
        Assert.Equal(expected.Signals.Select(s => (s.Signal.Symbol, s.Signal.TimeUtc, s.Signal.Action, s.Executed, s.Rejection?.Code)),
            actual.Signals.Select(s => (s.Signal.Symbol, s.Signal.TimeUtc, s.Signal.Action, s.Executed, s.Rejection?.Code)));
        Assert.Equal(expected.Metrics, actual.Metrics);
    }

    private static object Key(ClosedTrade t) => (t.Symbol, t.EntryTimeUtc, t.EntryPrice, t.Quantity, t.ExitTimeUtc, t.ExitPrice, t.Pnl, t.Fees, t.BarsHeld,
        t.MaePct, t.MfePct, t.ExitReason, t.EntrySignal?.TimeUtc, string.Join(",", t.EntrySignal?.Values.Select(kv => $"{kv.Key}={kv.Value:R}") ?? []));

    // The store is the live engine's record: one row per order and execution, the round trips and the open position.
    private static void AssertStoreHolds(LiveReplay.Outcome replay, BacktestResult backtest)
    {
        using var db = new SqliteConnection($"Data Source={replay.DatabasePath}");
        db.Open();
        long Scalar(string sql) => Convert.ToInt64(new SqliteCommand(sql, db).ExecuteScalar() ?? 0L);
        Assert.Equal(backtest.Fills.Count, Scalar("select count(*) from fills"));
        Assert.Equal(backtest.Fills.Count, Scalar("select count(distinct execution_id) from fills"));
        Assert.Equal(Scalar("select count(*) from orders"), Scalar("select count(distinct client_order_id) from orders"));
        Assert.Equal(backtest.Trades.Count, Scalar("select count(*) from trades where exit_at is not null"));
        Assert.Equal(backtest.OpenPositions.Count, Scalar("select count(*) from trades where exit_at is null"));
        Assert.Equal(backtest.Signals.Count, Scalar("select count(*) from signals"));
        Assert.Equal(backtest.Signals.Count(s => s.Executed), Scalar("select count(*) from signals where executed = 1 and client_order_id is not null"));
        // Positions are the sum of fills (quantities are stored as 1e-9 share units).
        long held = Scalar("select coalesce(sum(case side when 'Buy' then quantity else -quantity end), 0) from fills");
        Assert.Equal(held, Scalar("select coalesce(sum(quantity), 0) from positions"));
        Assert.Equal((long)(backtest.OpenPositions.Sum(p => p.Quantity) * 1_000_000_000m), held);
        Assert.Equal(0, Scalar("select count(*) from signals where \"values\" is null or \"values\" = '{}'"));
    }
}
