using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TradingBlazor.Adapters.Replay;
using TradingBlazor.Data.Entities;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Engine.Events;

namespace TradingBlazor.Tests.EngineTests;

/// <summary>
/// The bot service over a real SQLite file and the live runtime, fed minute bars by the test: create (validated),
/// start, trade, pause (entries refused, exits still run), edit (only when not running, revision bumped), stop with
/// flatten, delete (refused while holding), and a restart that returns every bot to its status and its book.
/// </summary>
public sealed class BotLifecycleTests : IAsyncLifetime
{
    private static readonly DateTime Open = new(2026, 11, 23, 14, 30, 0, DateTimeKind.Utc); // a Monday, 09:30 New York
    private readonly string _dir = Directory.CreateTempSubdirectory("tb-bots-").FullName;
    private readonly RecordedBarFeed _feed = new();
    private StandaloneEngine _engine = null!;
    private int _minute;

    private string DatabasePath => Path.Combine(_dir, "bots.db");

    public async Task InitializeAsync() => _engine = await StartEngineAsync();

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private Task<StandaloneEngine> StartEngineAsync() =>
        StandaloneEngine.StartAsync(DatabasePath, _feed, new NoHistory(), new RuntimeOptions { WarmUp = false });

    /// <summary>Buys when the close is above 100, sells below: the test decides every signal with its prices.</summary>
    private static BotConfig Threshold(string name = "threshold") => new()
    {
        Name = name,
        Symbols = new() { "TEST" },
        Capital = 10_000m,
        Timeframe = "1m",
        TradingWindow = new TradingWindow { Start = "09:30", End = "16:00" },
        Entry = new SignalRule { Rule = JsonSerializer.SerializeToElement("close > 100") },
        Exit = new SignalRule { Rule = JsonSerializer.SerializeToElement("close < 100") },
        Risk = new RiskSettings { PositionFraction = 0.5m },
    };

    private async Task PublishAsync(long botId, params decimal[] closes)
    {
        foreach (var close in closes)
            _feed.Publish(new Bar("TEST", Timeframe.Minute1, Open.AddMinutes(_minute++), close, close + 0.5m, close - 0.5m, close, 1_000m));
        await _engine.Runtime.Worker(botId)!.DrainAsync();
    }

    private async Task<long> CreateAsync(BotConfig config)
    {
        var created = await _engine.Bots.CreateAsync(config);
        Assert.True(created.Ok, created.Problem?.Message);
        Assert.Equal(BotStatus.Stopped, created.Bot!.Summary.Status);
        return created.Bot.Summary.Id;
    }

    [Fact]
    public async Task Create_names_the_bad_field_and_refuses_a_duplicate_name()
    {
        var bad = await _engine.Bots.CreateAsync(Threshold() with { Risk = new RiskSettings { StopLoss = 2m } });
        Assert.Equal(new BotProblem(BotProblemKind.Invalid, "risk.stop_loss", bad.Problem!.Message), bad.Problem);

        await CreateAsync(Threshold());
        var twice = await _engine.Bots.CreateAsync(Threshold());
        Assert.Equal((BotProblemKind.Conflict, "name"), (twice.Problem!.Kind, twice.Problem.Field));
        Assert.Equal(BotProblemKind.NotFound, (await _engine.Bots.CommandAsync(999, BotCommand.Start)).Problem!.Kind);
    }

    [Fact]
    public async Task A_bot_trades_pauses_edits_and_stops_flat()
    {
        long id = await CreateAsync(Threshold());
        var events = new List<TradingEvent>();
        _engine.Events.Published += e => { lock (events) events.Add(e); };
        Assert.True((await _engine.Bots.CommandAsync(id, BotCommand.Start)).Ok);

        await PublishAsync(id, 99m, 101m, 102m); // signal at 101, filled at the 102 bar's open
        var running = (await _engine.Bots.GetAsync(id))!.Summary;
        Assert.Equal(BotStatus.Running, running.Status);
        var position = Assert.Single(running.Ledger.Positions);
        Assert.Equal(49m, position.Quantity); // half of 10,000 at 102, whole shares
        Assert.Equal(10_000m - 49m * 102m, running.Ledger.Cash);

        var edit = await _engine.Bots.UpdateAsync(id, Threshold() with { Capital = 20_000m });
        Assert.Equal((BotProblemKind.Conflict, "status"), (edit.Problem!.Kind, edit.Problem.Field));

        Assert.True((await _engine.Bots.CommandAsync(id, BotCommand.Pause)).Ok);
        await PublishAsync(id, 98m, 97m, 103m, 104m); // the exit runs while paused; the new entry at 103 is refused
        await using (var db = await _engine.Store.CreateDbContextAsync())
        {
            Assert.Empty(await db.Positions.ToListAsync());
            var refused = await db.Signals.Where(s => s.Action == SignalAction.Buy && !s.Executed).ToListAsync();
            Assert.Equal(2, refused.Count); // at 103 and at 104
            Assert.All(refused, r => Assert.StartsWith("BotPaused", r.Outcome));
            var trade = await db.Trades.SingleAsync();
            Assert.Equal((102m, 97m, 49m * (97m - 102m)), (trade.EntryPrice, trade.ExitPrice!.Value, trade.RealizedPnl!.Value));
        }

        var edited = await _engine.Bots.UpdateAsync(id, Threshold() with { Capital = 20_000m });
        Assert.True(edited.Ok, edited.Problem?.Message);
        Assert.Equal(2, edited.Bot!.Summary.Revision);
        Assert.Equal(BotStatus.Paused, edited.Bot.Summary.Status);

        Assert.True((await _engine.Bots.CommandAsync(id, BotCommand.Start)).Ok);
        await PublishAsync(id, 105m, 106m); // a new entry on the new revision
        Assert.Single((await _engine.Bots.GetAsync(id))!.Summary.Ledger.Positions);
        var stopped = await _engine.Bots.CommandAsync(id, BotCommand.Stop, flatten: true);
        Assert.Equal(BotStatus.Stopped, stopped.Bot!.Summary.Status);
        Assert.Empty(stopped.Bot.Summary.Ledger.Positions);
        Assert.Null(_engine.Runtime.Worker(id));

        lock (events)
        {
            Assert.Equal(events.Select(e => e.Sequence), events.Select(e => e.Sequence).Order());
            foreach (var kind in new[] { TradingEventKind.BotStatusChanged, TradingEventKind.SignalRaised, TradingEventKind.OrderSubmitted,
                         TradingEventKind.OrderChanged, TradingEventKind.Fill, TradingEventKind.PositionChanged })
                Assert.Contains(events, e => e.Kind == kind && e.BotId == id);
        }
    }

    [Fact]
    public async Task Delete_is_refused_while_holding_unless_asked_to_flatten_with_the_bots_name_typed()
    {
        long id = await CreateAsync(Threshold());
        await _engine.Bots.CommandAsync(id, BotCommand.Start);
        await PublishAsync(id, 101m, 102m);
        await _engine.Bots.CommandAsync(id, BotCommand.Stop);
        Assert.Single((await _engine.Bots.GetAsync(id))!.Summary.Ledger.Positions); // stop keeps positions

        var refused = await _engine.Bots.DeleteAsync(id, flatten: false);
        Assert.Equal((BotProblemKind.Conflict, "flatten"), (refused.Problem!.Kind, refused.Problem.Field));
        var name = (await _engine.Bots.GetAsync(id))!.Summary.Name;
        foreach (var typed in new[] { null, "yes", name.ToUpperInvariant() })
        {
            var unconfirmed = await _engine.Bots.DeleteAsync(id, flatten: true, typed);
            Assert.Equal((BotProblemKind.Invalid, "confirmation"), (unconfirmed.Problem!.Kind, unconfirmed.Problem.Field));
            Assert.Contains(name, unconfirmed.Problem.Message);
            Assert.Single((await _engine.Bots.GetAsync(id))!.Summary.Ledger.Positions); // nothing sold
        }
        Assert.True((await _engine.Bots.DeleteAsync(id, flatten: true, name)).Ok);
        Assert.Null(await _engine.Bots.GetAsync(id));
        await using var db = await _engine.Store.CreateDbContextAsync();
        Assert.Equal(2, await db.Fills.CountAsync()); // the history stays: the entry and the flattening sale
        Assert.Empty(await db.Positions.ToListAsync());
    }

    [Fact]
    public async Task A_restart_returns_each_bot_to_its_status_and_book_and_never_resends_an_order()
    {
        long running = await CreateAsync(Threshold("running"));
        long paused = await CreateAsync(Threshold("paused"));
        long broken = await CreateAsync(Threshold("broken"));
        foreach (var id in new[] { running, paused, broken }) await _engine.Bots.CommandAsync(id, BotCommand.Start);
        await _engine.Bots.CommandAsync(paused, BotCommand.Pause);
        await PublishAsync(running, 101m, 102m);
        var before = (await _engine.Bots.GetAsync(running))!.Summary.Ledger;
        await _engine.DisposeAsync();

        // While down: an order on record that no broker ever answered, and a config that no longer compiles.
        var options = new DbContextOptionsBuilder<TradingBlazor.Data.TradingDbContext>();
        TradingBlazor.Data.DataServices.Configure(options, DatabasePath);
        await using (var db = new TradingBlazor.Data.TradingDbContext(options.Options))
        {
            db.Orders.Add(new OrderRecord { BotId = running, ClientOrderId = $"tb{running}-TEST-202611231500-b", Symbol = "TEST", Side = OrderSide.Buy, Status = OrderStatus.Pending,
                CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
            var record = await db.Bots.SingleAsync(b => b.Id == broken);
            record.ConfigJson = record.ConfigJson.Replace("\"timeframe\": \"1m\"", "\"timeframe\": \"7m\"");
            await db.SaveChangesAsync();
        }

        _engine = await StartEngineAsync();
        var bots = (await _engine.Bots.ListAsync()).ToDictionary(b => b.Id);
        Assert.Equal(BotStatus.Running, bots[running].Status);
        Assert.Equal(BotStatus.Paused, bots[paused].Status);
        Assert.Equal(BotStatus.Error, bots[broken].Status);
        Assert.Contains("could not resume", bots[broken].StatusReason);
        Assert.Equal(before with { Positions = [] }, bots[running].Ledger with { Positions = [] });
        Assert.Equal(before.Positions.Select(p => (p.Symbol, p.Quantity, p.AveragePrice)), bots[running].Ledger.Positions.Select(p => (p.Symbol, p.Quantity, p.AveragePrice)));

        await using var store = await _engine.Store.CreateDbContextAsync();
        var unanswered = await store.Orders.SingleAsync(o => o.ClientOrderId == $"tb{running}-TEST-202611231500-b");
        Assert.Equal(OrderStatus.Canceled, unanswered.Status); // resolved by asking the broker, not sent again
        Assert.Equal(1, await store.Fills.CountAsync(f => f.Order!.BotId == running));
    }
}
