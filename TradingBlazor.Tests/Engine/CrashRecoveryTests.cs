using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using TradingBlazor.Adapters.Alpaca;
using TradingBlazor.Data;
using TradingBlazor.Data.Entities;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Brokerage;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.EngineTests;

/// <summary>
/// The app's real executable trading through the fake Alpaca, killed with SIGKILL at the two moments a crash costs
/// the most: after an order is stored but before the broker's answer arrives, and after the broker filled an order
/// but before the fill is stored. After a restart: no order sent twice, every fill stored exactly once, and the
/// bot's positions (stored and in its book) equal the broker's.
/// </summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private const string Symbol = "AAPL";
    /// <summary>Monday 10:00 New York: inside the session and the bot's entry window.</summary>
    private static readonly DateTime SessionStart = new(2026, 11, 30, 15, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    // Buys below 150, sells above: the test's bars decide which, so a bot that lost its position would not sell.
    private const string BotJson = """
        {
          "version": 1, "name": "crash test", "symbols": ["AAPL"], "capital": 10000, "timeframe": "1m",
          "entry": { "rule": "close < 150" }, "exit": { "rule": "close > 150" },
          "risk": { "position_sizing": "fixed_amount", "position_amount": 5000, "max_open_positions": 1, "fractional_shares": true },
          "execution": { "mode": "auto" }
        }
        """;

    private readonly string _work = TestPaths.NewTempDirectory("tb-crash");
    private FakeAlpaca _fake = null!;
    private KillableApp? _app;
    private FreezableTcpProxy? _relay;
    private int _minute;

    private string DatabasePath => Path.Combine(KillableApp.DataDirectory(_work), "tradingblazor.db");

    public async Task InitializeAsync()
    {
        _fake = await FakeAlpaca.StartAsync();
        await SeedAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        if (_relay is not null) await _relay.DisposeAsync();
        await _fake.DisposeAsync();
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Killed_between_order_stored_and_broker_answer_the_order_is_resolved_not_resent()
    {
        // The fake takes (and fills) the order but its answer never comes back.
        _fake.Inject("POST", "/v2/orders", new Fault.ProcessThenStall(TimeSpan.FromSeconds(60)));
        StartApp();
        await PublishUntilAsync(100m, () => _fake.OrdersCreated == 1, "the bot's entry reached the broker");
        var entry = _fake.Orders[0];
        Assert.Equal("filled", entry.Status);
        await Guarded(() => Eventually.HoldsAsync(async () => (await OrdersAsync()).Count == 1, "the entry stored"));
        var row = Assert.Single(await OrdersAsync());
        Assert.Equal(entry.ClientOrderId, row.ClientOrderId);
        Assert.Equal(OrderStatus.Pending, row.Status); // the answer never came
        Assert.Empty(await FillsAsync());

        await CrashAsync();
        StartApp();
        await Guarded(() => Eventually.HoldsAsync(async () => (await FillsAsync()).Count == 1 && (await OrdersAsync()).Single().Status == OrderStatus.Filled,
            "the entry resolved as filled, its fill stored", Patience));
        await AssertMatchesBrokerAsync();

        await ExitAndAssertFlatAsync();
    }

    [Fact]
    public async Task Killed_between_broker_fill_and_fill_stored_the_fill_is_reconciled_once()
    {
        _fake.MarketOpen = false; // the order is accepted and waits; the test fills it later
        StartApp();
        await PublishUntilAsync(100m, () => _fake.OrdersCreated == 1, "the bot's entry reached the broker");
        await Guarded(() => Eventually.HoldsAsync(async () => (await OrdersAsync()).SingleOrDefault()?.Status == OrderStatus.Accepted,
            "the broker's answer (accepted) stored", Patience));

        // The streams go down and stay down: the fill happens where the app cannot hear it.
        _fake.StreamsDown = true;
        _fake.DropStreams();
        await Eventually.HoldsAsync(() => _fake.ListeningTradingPeers == 0 && _fake.SubscribedDataPeers == 0, "the streams dropped");
        var accepted = _fake.Orders[0];
        _fake.Execute(accepted.Id, accepted.Qty!.Value, _fake.Prices[Symbol]);
        Assert.Empty(await FillsAsync());

        await CrashAsync();
        _fake.StreamsDown = false;
        _fake.MarketOpen = true;
        StartApp();
        await Guarded(() => Eventually.HoldsAsync(async () => (await FillsAsync()).Count == 1 && (await OrdersAsync()).Single().Status == OrderStatus.Filled,
            "the fill reconciled and stored", Patience));
        await AssertMatchesBrokerAsync();

        await ExitAndAssertFlatAsync();
    }

    [Fact]
    public async Task Killed_after_the_broker_answered_filled_but_the_stream_lost_the_fill_it_is_reconciled_once()
    {
        // The trading stream runs through a relay that turns into a black hole: a half-open connection, the
        // outage nobody notices until the heartbeat times out.
        _relay = new FreezableTcpProxy(new Uri(_fake.BaseUrl).Port);
        StartApp(("Alpaca__TradingStreamUrl", $"ws://127.0.0.1:{_relay.Port}/stream"));
        await Guarded(() => Eventually.HoldsAsync(() => _fake.ListeningTradingPeers == 1, "the trading stream listening through the relay", Patience));
        _relay.FreezeOpenConnections();
        await PublishUntilAsync(100m, () => _fake.OrdersCreated == 1, "the bot's entry reached the broker");
        await Guarded(() => Eventually.HoldsAsync(async () => (await OrdersAsync()).SingleOrDefault()?.Status == OrderStatus.Filled,
            "the broker's answer (filled) stored", Patience));
        Assert.Empty(await FillsAsync()); // fills come from executions, and the stream swallowed the execution

        _app!.Kill();
        await _relay.DisposeAsync();
        _relay = null;
        await CrashAsync();
        StartApp();
        await Guarded(() => Eventually.HoldsAsync(async () => (await FillsAsync()).Count == 1, "the fill reconciled and stored", Patience));
        await AssertMatchesBrokerAsync();

        await ExitAndAssertFlatAsync();
    }

    /// <summary>
    /// Bars above 150 make the bot sell what its book holds: exactly the broker's position only if the crash lost and
    /// doubled nothing (a bot that believed itself flat would not sell, one that counted twice would oversell).
    /// </summary>
    private async Task ExitAndAssertFlatAsync()
    {
        decimal held = _fake.PositionQty(Symbol);
        Assert.True(held > 0);
        await PublishUntilAsync(200m, () => _fake.OrdersCreated == 2, "the bot's exit reached the broker");
        var exit = _fake.Orders[1];
        Assert.Equal("sell", exit.Side);
        Assert.Equal(held, exit.Qty);
        await Guarded(() => Eventually.HoldsAsync(async () => (await FillsAsync()).Count == 2, "the exit's fill stored", Patience));
        Assert.Equal(0m, _fake.PositionQty(Symbol));
        await AssertMatchesBrokerAsync();
    }

    /// <summary>The store against the broker: one row per order, no order sent twice, each fill once, positions equal.</summary>
    private async Task AssertMatchesBrokerAsync()
    {
        var brokerOrders = _fake.Orders;
        Assert.Equal(brokerOrders.Count, _fake.Requests.GetValueOrDefault("POST /v2/orders")); // nothing resent
        var rows = await OrdersAsync();
        var fills = await FillsAsync();
        Assert.Equal(brokerOrders.Select(o => o.ClientOrderId).Order(), rows.Select(r => r.ClientOrderId).Order());
        Assert.Equal(fills.Count, fills.Select(f => f.ExecutionId).Distinct().Count());
        foreach (var order in brokerOrders)
        {
            var row = rows.Single(r => r.ClientOrderId == order.ClientOrderId);
            Assert.Equal(AlpacaBrokerage.MapStatus(order.Status), row.Status);
            Assert.Equal(order.Id, row.BrokerOrderId);
            Assert.Equal(order.FilledQty, fills.Where(f => f.OrderId == row.Id).Sum(f => f.Quantity));
        }
        var positions = await PositionsAsync();
        decimal broker = _fake.PositionQty(Symbol);
        if (broker == 0) Assert.Empty(positions);
        else Assert.Equal(broker, Assert.Single(positions, p => p.Symbol == Symbol).Quantity);
        decimal sumOfFills = fills.Sum(f => f.Side == OrderSide.Buy ? f.Quantity : -f.Quantity);
        Assert.Equal(broker, sumOfFills);
    }

    private void StartApp(params (string Key, string Value)[] extra)
    {
        var environment = new Dictionary<string, string>
        {
            ["Alpaca__KeyId"] = FakeAlpaca.KeyId,
            ["Alpaca__SecretKey"] = FakeAlpaca.Secret,
            ["Alpaca__TradingUrl"] = _fake.BaseUrl,
            ["Alpaca__DataUrl"] = _fake.BaseUrl,
            ["Trading__DemoBots"] = "false",
        };
        foreach (var (key, value) in extra) environment[key] = value;
        _app = KillableApp.Start(_work, environment);
    }

    /// <summary>SIGKILL, then waits until the fake has seen both stream connections go (it allows one data connection).</summary>
    private async Task CrashAsync()
    {
        _app!.Kill();
        await Eventually.HoldsAsync(() => _fake.ListeningTradingPeers == 0 && _fake.SubscribedDataPeers == 0, "the killed app's streams closed");
    }

    /// <summary>
    /// Publishes a minute bar closing at <paramref name="close"/> on the data stream every 300 ms (each a new minute)
    /// until <paramref name="done"/>: bars that arrive before the bot is running are not traded on, so one is enough
    /// once it is.
    /// </summary>
    private Task PublishUntilAsync(decimal close, Func<bool> done, string what)
    {
        var since = Stopwatch.StartNew();
        bool first = true;
        return Guarded(() => Eventually.HoldsAsync(() =>
        {
            if (done()) return true;
            if (_fake.SubscribedDataPeers == 1 && (first || since.ElapsedMilliseconds >= 300))
            {
                _fake.PublishBar(Symbol, SessionStart.AddMinutes(_minute++), close, close + 0.05m, close - 0.03m, close, 1000);
                first = false;
                since.Restart();
            }
            return false;
        }, what, Patience));
    }

    /// <summary>Runs a wait; when it fails, the failure carries the app's output and logs.</summary>
    private async Task<bool> Guarded(Func<Task> wait)
    {
        try
        {
            await wait();
            return true;
        }
        catch (Xunit.Sdk.XunitException ex)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}\nApp exited: {_app?.HasExited}\n{_app?.Diagnostics()}");
        }
    }

    private SeededStore Seeded => new(DatabasePath);

    private TradingDbContext Store() => Seeded.Open();

    private Task SeedAsync() => Seeded.SeedAlpacaBotAsync(BotJson);

    private Task<List<OrderRecord>> OrdersAsync() => Seeded.OrdersAsync();

    private Task<List<FillRecord>> FillsAsync() => Seeded.FillsAsync();

    private async Task<List<PositionRecord>> PositionsAsync()
    {
        await using var db = Store();
        return await db.Positions.AsNoTracking().ToListAsync();
    }
}
