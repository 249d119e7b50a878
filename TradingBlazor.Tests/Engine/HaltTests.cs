using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TradingBlazor.Adapters.Replay;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Engine.Events;

namespace TradingBlazor.Tests.EngineTests;

/// <summary>
/// Halts on the real engine over SQLite, fed minute bars by the test: a per-bot halt (open orders cancelled,
/// reduce-only, optionally flat), clearing it, halts that survive a restart, and the kill switch for every bot; and the
/// trader's narrower hand: closing one position, cancelling one order.
/// </summary>
public sealed class HaltTests : IAsyncLifetime
{
    private static readonly DateTime Open = new(2026, 11, 23, 14, 30, 0, DateTimeKind.Utc); // a Monday, 09:30 New York
    private readonly string _dir = Directory.CreateTempSubdirectory("tb-halts-").FullName;
    private readonly RecordedBarFeed _feed = new();
    private readonly List<TradingEvent> _events = new();
    private StandaloneEngine _engine = null!;
    private int _minute;

    public async Task InitializeAsync() => _engine = await StartEngineAsync();

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<StandaloneEngine> StartEngineAsync()
    {
        var engine = await StandaloneEngine.StartAsync(Path.Combine(_dir, "halts.db"), _feed, new NoHistory(), new RuntimeOptions { WarmUp = false });
        engine.Events.Published += e => { lock (_events) _events.Add(e); };
        return engine;
    }

    private async Task RestartAsync()
    {
        await _engine.DisposeAsync();
        _engine = await StartEngineAsync();
    }

    /// <summary>Buys when the close is above 100, sells below (the simulated broker fills at the next bar's open).</summary>
    private static BotConfig Threshold(string name) => new()
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

    private async Task PublishAsync(params decimal[] closes)
    {
        foreach (var close in closes)
            _feed.Publish(new Bar("TEST", Timeframe.Minute1, Open.AddMinutes(_minute++), close, close + 0.5m, close - 0.5m, close, 1_000m));
        foreach (var worker in _engine.Runtime.Workers) await worker.DrainAsync();
    }

    private async Task<long> StartedAsync(string name)
    {
        long id = await CreatedAsync(name);
        Assert.True((await _engine.Bots.CommandAsync(id, BotCommand.Start)).Ok);
        return id;
    }

    private async Task<long> CreatedAsync(string name)
    {
        var created = await _engine.Bots.CreateAsync(Threshold(name));
        Assert.True(created.Ok, created.Problem?.Message);
        return created.Bot!.Summary.Id;
    }

    private async Task<BotSummary> SummaryAsync(long id) => (await _engine.Bots.GetAsync(id))!.Summary;

    private async Task<List<TradingBlazor.Data.Entities.OrderRecord>> OrdersAsync(long id)
    {
        await using var db = await _engine.Store.CreateDbContextAsync();
        return await db.Orders.Where(o => o.BotId == id).OrderBy(o => o.Id).ToListAsync();
    }

    private async Task<List<string?>> RefusedEntriesAsync(long id)
    {
        await using var db = await _engine.Store.CreateDbContextAsync();
        return await db.Signals.Where(s => s.BotId == id && s.Action == SignalAction.Buy && !s.Executed).OrderBy(s => s.Id).Select(s => s.Outcome).ToListAsync();
    }

    [Fact]
    public async Task A_halt_cancels_the_open_order_and_refuses_entries_until_cleared()
    {
        long id = await StartedAsync("halted");
        await PublishAsync(99m, 101m); // the entry at 101 waits for the next bar's open
        Assert.Equal(OrderStatus.Accepted, Assert.Single(await OrdersAsync(id)).Status);

        var halted = await _engine.Bots.HaltAsync(id, "trader", flatten: false);
        Assert.True(halted.Ok, halted.Problem?.Message);
        Assert.Equal("halted by trader", halted.Bot!.Summary.Halt);
        Assert.Equal(BotStatus.Running, halted.Bot.Summary.Status);
        Assert.Equal(OrderStatus.Canceled, Assert.Single(await OrdersAsync(id)).Status);
        lock (_events) Assert.Contains(_events, e => e is { Kind: TradingEventKind.RiskHalt, Data: RiskHaltUpdate { Reason: "halted by trader" } } && e.BotId == id);

        await PublishAsync(102m, 103m);
        var summary = await SummaryAsync(id);
        Assert.Empty(summary.Ledger.Positions);
        Assert.Equal(0m, summary.Ledger.Reserved);
        Assert.All(await RefusedEntriesAsync(id), o => Assert.StartsWith("BotHalted", o));

        var cleared = await _engine.Bots.ClearHaltAsync(id, "trader");
        Assert.Null(cleared.Bot!.Summary.Halt);
        await PublishAsync(104m, 105m);
        Assert.Single((await SummaryAsync(id)).Ledger.Positions);
    }

    [Fact]
    public async Task A_halt_with_flatten_sells_every_position_and_a_stopped_bot_is_halted_on_record()
    {
        long running = await StartedAsync("flattened");
        long stopped = await CreatedAsync("stopped");
        await PublishAsync(101m, 102m);
        Assert.Single((await SummaryAsync(running)).Ledger.Positions);

        var halted = await _engine.Bots.HaltAsync(running, "trader", flatten: true);
        Assert.Empty(halted.Bot!.Summary.Ledger.Positions);
        Assert.Equal("halted by trader", halted.Bot.Summary.Halt);
        await PublishAsync(103m, 104m);
        Assert.Empty((await SummaryAsync(running)).Ledger.Positions);

        Assert.Equal("halted by api", (await _engine.Bots.HaltAsync(stopped, "api", flatten: false)).Bot!.Summary.Halt);
        Assert.Equal(BotStatus.Stopped, (await SummaryAsync(stopped)).Status);
        Assert.Equal(BotProblemKind.NotFound, (await _engine.Bots.HaltAsync(999, "trader", false)).Problem!.Kind);
    }

    [Fact]
    public async Task Halts_and_the_daily_loss_halt_are_restored_after_a_restart()
    {
        long halted = await StartedAsync("halted");
        long daily = await StartedAsync("daily");
        long stopped = await CreatedAsync("stopped");
        await _engine.Bots.HaltAsync(halted, "trader", flatten: false);
        await _engine.Bots.HaltAsync(stopped, "trader", flatten: false);
        await _engine.DisposeAsync();
        // While down: the daily loss limit had halted a bot's entries for this session.
        var options = new DbContextOptionsBuilder<TradingBlazor.Data.TradingDbContext>();
        TradingBlazor.Data.DataServices.Configure(options, Path.Combine(_dir, "halts.db"));
        await using (var db = new TradingBlazor.Data.TradingDbContext(options.Options))
            await db.Bots.Where(b => b.Id == daily).ExecuteUpdateAsync(s => s.SetProperty(b => b.EntriesHaltedFor, DateOnly.FromDateTime(Open)));

        _engine = await StartEngineAsync();
        var bots = (await _engine.Bots.ListAsync()).ToDictionary(b => b.Id);
        Assert.Equal("halted by trader", bots[halted].Halt);
        Assert.Equal("halted by trader", bots[stopped].Halt);
        Assert.Equal(DateOnly.FromDateTime(Open), bots[daily].EntriesHaltedFor);
        await PublishAsync(101m, 102m);
        Assert.Equal(2, (await RefusedEntriesAsync(halted)).Count(o => o!.StartsWith("BotHalted", StringComparison.Ordinal)));
        Assert.StartsWith("DailyLossLimit", (await RefusedEntriesAsync(daily))[0]);
        Assert.Empty((await SummaryAsync(halted)).Ledger.Positions);
        Assert.Empty((await SummaryAsync(daily)).Ledger.Positions);

        var cleared = await _engine.Bots.ClearHaltAsync(daily, "trader");
        Assert.Null(cleared.Bot!.Summary.EntriesHaltedFor);
        await PublishAsync(103m, 104m);
        Assert.Single((await SummaryAsync(daily)).Ledger.Positions);
    }

    [Fact]
    public async Task The_kill_switch_cancels_open_orders_halts_every_bot_and_holds_across_a_restart()
    {
        long running = await StartedAsync("running");
        long stopped = await CreatedAsync("stopped");
        long own = await CreatedAsync("own halt");
        await _engine.Bots.HaltAsync(own, "trader", flatten: false);
        await PublishAsync(99m, 101m); // the running bot's entry is open

        var state = await _engine.KillSwitch.EngageAsync(flatten: false, "trader");
        Assert.Equal((true, "trader", false), (state.Engaged, state.By, state.Flattened));
        Assert.Equal(OrderStatus.Canceled, Assert.Single(await OrdersAsync(running)).Status);
        var bots = (await _engine.Bots.ListAsync()).ToDictionary(b => b.Id);
        Assert.Equal(KillSwitch.HaltReason, bots[running].Halt);
        Assert.Equal(KillSwitch.HaltReason, bots[stopped].Halt);
        Assert.Equal("halted by trader", bots[own].Halt); // its own halt stays
        lock (_events) Assert.Contains(_events, e => e is { Kind: TradingEventKind.KillSwitch, Data: KillSwitchUpdate { Engaged: true, By: "trader" } });

        var refused = await _engine.Bots.CommandAsync(stopped, BotCommand.Start);
        Assert.Equal((BotProblemKind.Conflict, "kill_switch"), (refused.Problem!.Kind, refused.Problem.Field));
        Assert.Equal("kill_switch", (await _engine.Bots.ClearHaltAsync(running, "trader")).Problem!.Field);
        await PublishAsync(102m, 103m);
        Assert.Empty((await SummaryAsync(running)).Ledger.Positions);

        await RestartAsync();
        Assert.True(_engine.KillSwitch.State.Engaged);
        Assert.Equal("trader", _engine.KillSwitch.State.By);
        Assert.Equal(KillSwitch.HaltReason, (await SummaryAsync(running)).Halt);
        Assert.Equal(BotStatus.Running, (await SummaryAsync(running)).Status);
        Assert.Equal("kill_switch", (await _engine.Bots.CommandAsync(stopped, BotCommand.Start)).Problem!.Field);
        await PublishAsync(104m, 105m);
        Assert.Empty((await SummaryAsync(running)).Ledger.Positions);
        Assert.All(await RefusedEntriesAsync(running), o => Assert.StartsWith("BotHalted", o));

        Assert.Null(await _engine.KillSwitch.DisarmAsync("rearm", "trader")); // only the typed phrase re-arms
        Assert.True(_engine.KillSwitch.State.Engaged);
        var disarmed = await _engine.KillSwitch.DisarmAsync(Domain.Safety.Confirmation.RearmKillSwitch, "trader");
        Assert.False(disarmed!.Engaged);
        bots = (await _engine.Bots.ListAsync()).ToDictionary(b => b.Id);
        Assert.Null(bots[running].Halt);
        Assert.Null(bots[stopped].Halt);
        Assert.Equal("halted by trader", bots[own].Halt); // re-arming clears only the kill switch's halts
        Assert.True((await _engine.Bots.CommandAsync(stopped, BotCommand.Start)).Ok);
        await PublishAsync(106m, 107m);
        Assert.Single((await SummaryAsync(running)).Ledger.Positions);
        Assert.Single((await SummaryAsync(stopped)).Ledger.Positions);

        await RestartAsync();
        Assert.False(_engine.KillSwitch.State.Engaged);
        await using var db = await _engine.Store.CreateDbContextAsync();
        Assert.Null(await db.AppSettings.FindAsync(KillSwitch.SettingKey));
    }

    [Fact]
    public async Task The_kill_switch_can_flatten_running_and_stopped_bots()
    {
        long running = await StartedAsync("running");
        long stopped = await StartedAsync("stopped later");
        await PublishAsync(101m, 102m);
        await _engine.Bots.CommandAsync(stopped, BotCommand.Stop); // keeps its position
        Assert.Single((await SummaryAsync(stopped)).Ledger.Positions);

        var state = await _engine.KillSwitch.EngageAsync(flatten: true, "trader");
        Assert.True(state.Flattened);
        Assert.Empty((await SummaryAsync(running)).Ledger.Positions);
        var after = await SummaryAsync(stopped);
        Assert.Empty(after.Ledger.Positions);
        Assert.Equal((BotStatus.Stopped, KillSwitch.HaltReason), (after.Status, after.Halt));
        Assert.Null(_engine.Runtime.Worker(stopped));
    }

    private async Task<List<TradingBlazor.Data.Entities.TradeRecord>> TradesAsync(long id)
    {
        await using var db = await _engine.Store.CreateDbContextAsync();
        return await db.Trades.Where(t => t.BotId == id).OrderBy(t => t.Id).ToListAsync();
    }

    [Fact]
    public async Task Closing_a_position_sells_it_at_the_last_close_and_the_bot_keeps_running()
    {
        long id = await StartedAsync("closer");
        await PublishAsync(101m, 102m); // bought at 102's open
        Assert.Single((await SummaryAsync(id)).Ledger.Positions);

        var closed = await _engine.Bots.ClosePositionAsync(id, "test", "trader");

        Assert.True(closed.Ok, closed.Problem?.Message);
        var summary = await SummaryAsync(id);
        Assert.Empty(summary.Ledger.Positions);
        Assert.Equal(BotStatus.Running, summary.Status);
        var trade = Assert.Single(await TradesAsync(id));
        Assert.Equal(("closed by trader", 102m), (trade.ExitReason, trade.ExitPrice));
        lock (_events) Assert.Contains(_events, e => e is { Kind: TradingEventKind.Fill, Data: FillUpdate { Side: OrderSide.Sell, Reason: "closed by trader" } } && e.BotId == id);

        var again = await _engine.Bots.ClosePositionAsync(id, "TEST", "trader");
        Assert.Equal((BotProblemKind.Conflict, "symbol"), (again.Problem!.Kind, again.Problem.Field));
        Assert.Equal(BotProblemKind.NotFound, (await _engine.Bots.ClosePositionAsync(999, "TEST", "trader")).Problem!.Kind);
    }

    [Fact]
    public async Task Closing_a_stopped_bots_position_sells_it_and_leaves_the_bot_stopped()
    {
        long id = await StartedAsync("stopped holder");
        await PublishAsync(101m, 102m);
        await _engine.Bots.CommandAsync(id, BotCommand.Stop); // keeps its position

        var closed = await _engine.Bots.ClosePositionAsync(id, "TEST", "trader");

        Assert.True(closed.Ok, closed.Problem?.Message);
        Assert.Null(_engine.Runtime.Worker(id));
        var summary = await SummaryAsync(id);
        Assert.Equal(BotStatus.Stopped, summary.Status);
        Assert.Empty(summary.Ledger.Positions);
        Assert.Equal("closed by trader", Assert.Single(await TradesAsync(id)).ExitReason);
    }

    [Fact]
    public async Task Cancelling_an_open_order_ends_it_at_the_broker_and_frees_its_cash()
    {
        long id = await StartedAsync("canceller");
        await PublishAsync(99m, 101m); // the entry at 101 waits for the next bar's open
        var order = Assert.Single(await OrdersAsync(id));
        Assert.True((await SummaryAsync(id)).Ledger.Reserved > 0m);

        var cancelled = await _engine.Bots.CancelOrderAsync(id, order.ClientOrderId);

        Assert.True(cancelled.Ok, cancelled.Problem?.Message);
        Assert.Equal(OrderStatus.Canceled, Assert.Single(await OrdersAsync(id)).Status);
        Assert.Equal(0m, (await SummaryAsync(id)).Ledger.Reserved);
        var again = await _engine.Bots.CancelOrderAsync(id, order.ClientOrderId);
        Assert.Equal((BotProblemKind.Conflict, "client_order_id"), (again.Problem!.Kind, again.Problem.Field));
    }
}
