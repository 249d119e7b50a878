using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Data;
using TradingBlazor.Data.Entities;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Time;
using TradingBlazor.Engine.Backtesting;
using TradingBlazor.Engine.Reports;
using TradingBlazor.Engine.Reports.Divergence;
using TradingBlazor.Engine.Trading;
using TradingBlazor.Tests.Backtesting;

namespace TradingBlazor.Tests.Reports;

/// <summary>A live run of the S&amp;P 500 fixture's first six years (the live engine replaying its bars into a SQLite store), shared by the tests.</summary>
public sealed class ReplayedStore : IAsyncLifetime
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("tb-divergence-").FullName;
    public string DatabasePath => Path.Combine(Directory, "live.db");
    public long BotId { get; private set; }
    public IReadOnlyDictionary<string, IReadOnlyList<Bar>> Bars { get; } =
        new Dictionary<string, IReadOnlyList<Bar>> { ["SPX"] = ReferenceBacktestTests.SpxBars()["SPX"].Take(1500).ToList() };
    public DateOnly From => MarketTime.EasternDate(Bars["SPX"][0].StartUtc);
    public DateOnly To => MarketTime.EasternDate(Bars["SPX"][^1].StartUtc);

    public async Task InitializeAsync()
    {
        var replay = await new LiveReplay(DatabasePath).RunAsync(ReferenceBacktestTests.SmaCross, Bars, new BacktestOptions { Capital = 10_000m, FractionalShares = true });
        BotId = replay.BotId;
        SqliteConnection.ClearAllPools();
    }

    /// <summary>A copy of the live store a test may change.</summary>
    public string Copy(string name)
    {
        var path = Path.Combine(Directory, name + ".db");
        File.Copy(DatabasePath, path);
        return path;
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>
/// The backtest of a bot's period beside its live run: a live run and its backtest agree trade for trade (the one pipeline),
/// and differences planted in the live journal are each found, on the right trade, with the right reason.
/// </summary>
public sealed class DivergenceReplayTests(ReplayedStore live) : IClassFixture<ReplayedStore>
{
    [Fact]
    public async Task A_live_run_and_its_backtest_agree_exactly()
    {
        var bot = Assert.Single((await BuildAsync(live.DatabasePath)).Bots);

        Assert.True(bot.Summary.Zero, string.Join("\n", bot.Trades.SelectMany(t => t.Differences).Select(d => d.Detail)));
        Assert.True(bot.Trades.Count >= 10, $"{bot.Trades.Count} trades");
        Assert.All(bot.Trades, t => Assert.True(t.Agrees && t.Live is not null && t.Backtest is not null));
        Assert.Equal(bot.Trades.Count, bot.Summary.Matched);
        Assert.Empty(bot.Summary.Reasons);
        Assert.Equal(decimal.Round(bot.Summary.LivePnl, 2), decimal.Round(bot.Summary.BacktestPnl, 2)); // the store keeps money to 1e-8
        // Every headline figure is the same on both sides.
        Assert.All(bot.Figures, f => Assert.Equal(f.Live.Display, f.Backtest.Display));
        Assert.Equal("Recorded", bot.Bars);
    }

    [Fact]
    public async Task Planted_differences_are_found_with_their_reasons()
    {
        var path = live.Copy("planted");
        List<TradeRecord> trades;
        await using (var services = Store(path))
        await using (var db = await Factory(services).CreateDbContextAsync())
        {
            trades = await db.Trades.Where(t => t.ExitAt != null).OrderBy(t => t.EntryAt).ToListAsync();
            await RejectAtApprovalAsync(db, trades[1]);
            trades[3].EntryPrice += 0.37m; // filled 37 cents above the fill model
            await RefuseAsync(db, trades[5], "BotPaused: The bot is paused: no new entries.");
            await RefuseAsync(db, trades[6], "BotPaused: The bot is paused: no new entries.");
            await RefuseAsync(db, trades[8], "BotHalted: Bot is halted (reduce-only): kill switch.");
            await db.SaveChangesAsync();
        }

        var bot = Assert.Single((await BuildAsync(path)).Bots);

        var divergent = bot.Trades.Where(t => !t.Agrees).ToList();
        Assert.Equal(5, divergent.Count);
        Assert.Equal(5, bot.Summary.Divergent);
        AssertFound(divergent, trades[1], DivergenceKind.MissingInLive, DivergenceReason.ApprovalRejected);
        AssertFound(divergent, trades[3], DivergenceKind.EntryPrice, DivergenceReason.FillPrice);
        AssertFound(divergent, trades[5], DivergenceKind.MissingInLive, DivergenceReason.BotPaused);
        AssertFound(divergent, trades[6], DivergenceKind.MissingInLive, DivergenceReason.BotPaused);
        AssertFound(divergent, trades[8], DivergenceKind.MissingInLive, DivergenceReason.KillSwitch);
        Assert.Contains("+", divergent.Single(t => t.Live is not null).Differences[0].Detail);
        Assert.Equal(new Dictionary<DivergenceReason, int> { [DivergenceReason.ApprovalRejected] = 1, [DivergenceReason.BotPaused] = 2,
            [DivergenceReason.KillSwitch] = 1, [DivergenceReason.FillPrice] = 1 }, bot.Summary.Reasons);
        Assert.Equal((4, 1, 0, 0), (bot.Summary.MissingInLive, bot.Summary.PriceDifferences, bot.Summary.MissingInBacktest, bot.Summary.QuantityDifferences));
        Assert.Equal(bot.Summary.Matched - 1, bot.Summary.Agreeing);
    }

    [Fact]
    public async Task A_live_trade_the_backtest_never_made_and_a_stopped_bot_are_told_apart()
    {
        var path = live.Copy("stopped");
        List<TradeRecord> trades;
        await using (var services = Store(path))
        await using (var db = await Factory(services).CreateDbContextAsync())
        {
            trades = await db.Trades.Where(t => t.ExitAt != null).OrderBy(t => t.EntryAt).ToListAsync();
            // The bot was stopped over one trade: no signal, order or trade on record.
            var stopped = trades[4];
            db.Signals.RemoveRange(db.Signals.Where(s => s.Timestamp > trades[3].ExitAt && s.Timestamp < trades[5].EntryAt));
            db.Trades.Remove(stopped);
            // And a trade the strategy never signalled, bought while the backtest was flat.
            var extra = new TradeRecord
            {
                BotId = live.BotId, Symbol = "SPX", Quantity = 1, EntryPrice = trades[2].ExitPrice!.Value, EntryAt = trades[2].ExitAt!.Value.AddDays(1),
                ExitPrice = trades[2].ExitPrice!.Value, ExitAt = trades[2].ExitAt!.Value.AddDays(2), ExitQuantity = 1, RealizedPnl = 0, ExitReason = "signal",
            };
            db.Trades.Add(extra);
            await db.SaveChangesAsync();
            trades.Add(extra);
        }

        var bot = Assert.Single((await BuildAsync(path)).Bots);

        var divergent = bot.Trades.Where(t => !t.Agrees).ToList();
        Assert.Equal(2, divergent.Count);
        AssertFound(divergent, trades[4], DivergenceKind.MissingInLive, DivergenceReason.NotRunning);
        var extraMatch = Assert.Single(divergent, t => t.Backtest is null);
        Assert.Equal(DivergenceReason.NoBacktestSignal, Assert.Single(extraMatch.Differences).Reason);
    }

    [Fact]
    public async Task A_bot_that_started_inside_the_period_is_compared_from_its_first_live_signal()
    {
        var path = live.Copy("started-late");
        int liveTrades;
        await using (var services = Store(path))
        await using (var db = await Factory(services).CreateDbContextAsync())
        {
            // The bot's record begins after its fourth trade: nothing it could have done before is on record.
            var trades = await db.Trades.OrderBy(t => t.EntryAt).ToListAsync();
            var startedAt = trades[3].ExitAt!.Value;
            db.Signals.RemoveRange(db.Signals.Where(s => s.Timestamp <= startedAt));
            db.Trades.RemoveRange(trades.Take(4));
            await db.SaveChangesAsync();
            liveTrades = trades.Count - 4;
        }

        var bot = Assert.Single((await BuildAsync(path)).Bots);

        Assert.DoesNotContain(bot.Trades, t => t.Live is null); // no backtest trade from before the bot's first signal
        Assert.Equal(liveTrades, bot.Summary.Matched);
        Assert.Equal(0, bot.Summary.MissingInLive);
    }

    private static void AssertFound(List<TradeMatch> divergent, TradeRecord trade, DivergenceKind kind, DivergenceReason reason)
    {
        var match = Assert.Single(divergent, t => t.EntryUtc == trade.EntryAt);
        var difference = Assert.Single(match.Differences);
        Assert.Equal((kind, reason), (difference.Kind, difference.Reason));
        Assert.False(string.IsNullOrWhiteSpace(difference.Detail));
    }

    // The trader rejected the signal: it never became a trade (its order and fills are left; the journal's approval says no).
    private async Task RejectAtApprovalAsync(TradingDbContext db, TradeRecord trade)
    {
        var signal = await db.Signals.SingleAsync(s => s.Id == trade.EntrySignalId);
        signal.Executed = false;
        signal.Outcome = "rejected by trader: rejected";
        db.Approvals.Add(new ApprovalRecord
        {
            BotId = live.BotId, ClientOrderId = signal.ClientOrderId!, SignalId = signal.Id, Symbol = signal.Symbol, Action = signal.Action, Price = trade.EntryPrice,
            Confidence = 1, Reason = "manual mode", Status = ApprovalStatus.Rejected, RequestedAt = signal.Timestamp, ExpiresAt = signal.Timestamp.AddDays(1),
            DecidedAt = signal.Timestamp, DecidedBy = "trader", Outcome = "rejected",
        });
        db.Trades.Remove(trade);
    }

    private static async Task RefuseAsync(TradingDbContext db, TradeRecord trade, string outcome)
    {
        var signal = await db.Signals.SingleAsync(s => s.Id == trade.EntrySignalId);
        signal.Executed = false;
        signal.Outcome = outcome;
        signal.ClientOrderId = null;
        db.Trades.Remove(trade);
    }

    private async Task<DivergenceReport> BuildAsync(string path)
    {
        await using var services = Store(path);
        var factory = Factory(services);
        var service = new DivergenceService(new ReportSource(factory, new NyseCalendar()), new DivergenceSource(factory),
            (_, _, _, _) => Task.FromResult(new RecordedBars(new FixedBars(live.Bars), "Recorded", SimulatedBroker: true)));
        var report = await service.BuildAsync(ReportScope.Bot(live.BotId), live.From, live.To);
        SqliteConnection.ClearAllPools();
        return Assert.IsType<DivergenceReport>(report);
    }

    private static ServiceProvider Store(string path) =>
        new ServiceCollection().AddDbContextFactory<TradingDbContext>(o => DataServices.Configure(o, path)).BuildServiceProvider();

    private static IDbContextFactory<TradingDbContext> Factory(IServiceProvider services) => services.GetRequiredService<IDbContextFactory<TradingDbContext>>();
}

/// <summary>Bars held in memory, served by range as a store serves them.</summary>
public sealed class FixedBars(IReadOnlyDictionary<string, IReadOnlyList<Bar>> bars) : IHistoricalBars
{
    public Task<IReadOnlyList<Bar>> GetBarsAsync(string symbol, Timeframe timeframe, DateTime fromUtc, DateTime toUtc, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<Bar>>(bars.TryGetValue(symbol, out var series) ? series.Where(b => b.StartUtc >= fromUtc && b.StartUtc < toUtc).ToList() : Array.Empty<Bar>());
}
