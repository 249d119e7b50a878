using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using TradingBlazor.Adapters.Replay;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Engine.Events;
using TradingBlazor.Engine.Trading;

namespace TradingBlazor.Tests.EngineTests;

/// <summary>
/// The trader in the loop, end to end on the live engine with the simulated broker and the test's own clock:
/// hybrid thresholds, the queue, approval re-checks (drift), expiry on the engine's clock, manual mode, a restart
/// with items waiting, and flat before the close on a normal and an early-close day.
/// </summary>
public sealed class ApprovalTests : IAsyncLifetime
{
    private static readonly DateTime Open = new(2026, 11, 23, 14, 30, 0, DateTimeKind.Utc); // Monday 09:30 New York
    private readonly string _dir = Directory.CreateTempSubdirectory("tb-approvals-").FullName;
    private readonly RecordedBarFeed _feed = new();
    private readonly FakeTimeProvider _clock = new(Open);
    private StandaloneEngine _engine = null!;
    private DateTime _next = Open;

    public async Task InitializeAsync() => _engine = await StartEngineAsync();

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private Task<StandaloneEngine> StartEngineAsync() =>
        StandaloneEngine.StartAsync(Path.Combine(_dir, "approvals.db"), _feed, new NoHistory(), new RuntimeOptions { WarmUp = false }, _clock);

    private static BotConfig Bot(string name, double entryConfidence, ExecutionMode mode = ExecutionMode.Hybrid, RiskSettings? risk = null) => new()
    {
        Name = name,
        Symbols = new() { "TEST" },
        Capital = 10_000m,
        Timeframe = "1m",
        TradingWindow = new TradingWindow { Start = "09:30", End = "16:00" },
        Entry = new SignalRule { Rule = JsonSerializer.SerializeToElement("close > 100"), Confidence = entryConfidence },
        Exit = new SignalRule { Rule = JsonSerializer.SerializeToElement("close < 100") },
        Risk = risk ?? new RiskSettings { PositionFraction = 0.5m },
        Execution = new ExecutionSettings { Mode = mode },
    };

    private async Task<long> StartAsync(BotConfig config)
    {
        var created = await _engine.Bots.CreateAsync(config);
        Assert.True(created.Ok, created.Problem?.Message);
        long id = created.Bot!.Summary.Id;
        Assert.True((await _engine.Bots.CommandAsync(id, BotCommand.Start)).Ok);
        return id;
    }

    /// <summary>Minute bars from the current minute on; the clock follows them, as the simulated market's does.</summary>
    private async Task PublishAsync(params decimal[] closes)
    {
        foreach (var close in closes)
        {
            _feed.Publish(new Bar("TEST", Timeframe.Minute1, _next, close, close + 0.2m, close - 0.2m, close, 1_000m));
            _next = _next.AddMinutes(1);
            _clock.SetUtcNow(_next);
        }
        foreach (var w in _engine.Runtime.Workers) await w.DrainAsync();
    }

    private async Task<List<ApprovalView>> WaitingAsync(long? bot = null) => (await _engine.Approvals.ListAsync(new ApprovalFilter(bot))).ToList();

    [Fact]
    public async Task Hybrid_executes_the_confident_signal_queues_the_doubtful_one_and_only_stores_the_weak_one()
    {
        long sure = await StartAsync(Bot("sure", 0.85));
        long doubtful = await StartAsync(Bot("doubtful", 0.75));
        long weak = await StartAsync(Bot("weak", 0.65));
        var requested = new List<TradingEvent>();
        _engine.Events.Published += e => { if (e.Kind == TradingEventKind.ApprovalRequested) lock (requested) requested.Add(e); };

        await PublishAsync(99m, 101m, 101.2m);

        var bots = (await _engine.Bots.ListAsync()).ToDictionary(b => b.Id);
        Assert.Single(bots[sure].Ledger.Positions);
        Assert.Empty(bots[doubtful].Ledger.Positions);
        Assert.Empty(bots[weak].Ledger.Positions);
        var item = Assert.Single(await WaitingAsync());
        Assert.Equal((doubtful, "TEST", SignalAction.Buy, 101m), (item.BotId, item.Symbol, item.Action, item.Price));
        Assert.Contains("below the auto threshold 0.80", item.Reason);
        Assert.True(item.Notional > 0);
        Assert.True(item.Values.ContainsKey("close"));
        Assert.Equal(doubtful, Assert.Single(requested).BotId);

        await using var db = await _engine.Store.CreateDbContextAsync();
        var stored = await db.Signals.Where(s => s.BotId == weak).ToListAsync();
        Assert.NotEmpty(stored);
        Assert.All(stored, s => Assert.StartsWith("BelowApprovalThreshold", s.Outcome));
        Assert.All(stored, s => Assert.False(s.Executed));
    }

    [Fact]
    public async Task An_approval_is_sent_once_audited_and_cannot_be_decided_twice()
    {
        long id = await StartAsync(Bot("doubtful", 0.75));
        await PublishAsync(99m, 101m);
        var item = Assert.Single(await WaitingAsync());

        var approved = await _engine.Approvals.ApproveAsync(item.Id, "trader", "looks fine");
        Assert.True(approved.Ok, approved.Problem?.Message);
        Assert.Equal((ApprovalStatus.Approved, "trader", "looks fine", "sent"), (approved.Approval!.Status, approved.Approval.DecidedBy, approved.Approval.Note, approved.Approval.Outcome));
        await PublishAsync(101.3m); // fills at this bar's open
        Assert.Single((await _engine.Bots.GetAsync(id))!.Summary.Ledger.Positions);

        var again = await _engine.Approvals.ApproveAsync(item.Id, "trader", null);
        Assert.Equal(BotProblemKind.Conflict, again.Problem!.Kind);
        Assert.Contains("already approved (by trader)", again.Problem.Message);
        Assert.Equal(BotProblemKind.NotFound, (await _engine.Approvals.RejectAsync(9_999, "trader", null)).Problem!.Kind);

        await using var db = await _engine.Store.CreateDbContextAsync();
        var order = await db.Orders.SingleAsync(o => o.ClientOrderId == item.ClientOrderId);
        Assert.Equal(OrderStatus.Filled, order.Status);
        var signal = await db.Signals.SingleAsync(s => s.ClientOrderId == item.ClientOrderId);
        Assert.True(signal.Executed);
        Assert.Equal("approved by trader: sent", signal.Outcome);
    }

    [Fact]
    public async Task A_stale_approval_is_refused_for_price_drift_and_a_rejection_sends_nothing()
    {
        await StartAsync(Bot("doubtful", 0.75));
        await PublishAsync(99m, 101m, 102.5m); // 1.5% above the signal's 101
        var item = Assert.Single(await WaitingAsync());
        var refused = await _engine.Approvals.ApproveAsync(item.Id, "trader", null);
        Assert.Equal(BotProblemKind.Conflict, refused.Problem!.Kind);
        Assert.Contains("PriceDrift", refused.Problem.Message);
        Assert.Equal(ApprovalStatus.Refused, refused.Approval!.Status);

        await PublishAsync(99m, 101m);
        var second = Assert.Single(await WaitingAsync());
        var rejected = await _engine.Approvals.RejectAsync(second.Id, "trader", "not today");
        Assert.Equal(ApprovalStatus.Rejected, rejected.Approval!.Status);
        await using var db = await _engine.Store.CreateDbContextAsync();
        Assert.Empty(await db.Orders.ToListAsync());
    }

    [Fact]
    public async Task Waiting_items_expire_on_the_engine_clock()
    {
        await StartAsync(Bot("doubtful", 0.75));
        await PublishAsync(99m, 101m);
        var item = Assert.Single(await WaitingAsync());
        Assert.Equal(item.RequestedUtc.AddMinutes(5), item.ExpiresUtc);

        _clock.Advance(TimeSpan.FromMinutes(6)); // no bar yet: the approval itself sees the time
        var late = await _engine.Approvals.ApproveAsync(item.Id, "trader", null);
        Assert.Equal(ApprovalStatus.Expired, late.Approval!.Status);

        _next = _clock.GetUtcNow().UtcDateTime;
        await PublishAsync(99m, 101m);
        var next = Assert.Single(await WaitingAsync());
        await PublishAsync(101.1m, 101.2m, 101.1m, 101.2m, 101.1m, 101.2m); // six more minutes of bars
        var expired = await _engine.Approvals.GetAsync(next.Id);
        Assert.Equal((ApprovalStatus.Expired, "engine"), (expired!.Status, expired.DecidedBy));
    }

    [Fact]
    public async Task Manual_mode_asks_for_entries_and_exits_but_never_for_a_stop()
    {
        long id = await StartAsync(Bot("manual", 1.0, ExecutionMode.Manual, new RiskSettings { PositionFraction = 0.5m, StopLoss = 0.02m }));
        await PublishAsync(99m, 101m);
        await _engine.Approvals.ApproveAsync(Assert.Single(await WaitingAsync()).Id, "trader", null);
        await PublishAsync(101m, 99.9m); // the exit rule fires: it waits too
        var exit = Assert.Single(await WaitingAsync());
        Assert.Equal(SignalAction.Sell, exit.Action);
        Assert.Contains("manual mode", exit.Reason);
        await _engine.Approvals.RejectAsync(exit.Id, "trader", "hold it");

        await PublishAsync(97m); // below the 2% stop: the simulated broker stops out without asking
        Assert.Empty((await _engine.Bots.GetAsync(id))!.Summary.Ledger.Positions);
        await using var db = await _engine.Store.CreateDbContextAsync();
        Assert.Contains(await db.Fills.Select(f => f.Reason).ToListAsync(), r => r != null && r.Contains("stop"));
    }

    [Fact]
    public async Task A_waiting_item_survives_a_restart_and_can_be_approved_after_it()
    {
        await StartAsync(Bot("doubtful", 0.75));
        await PublishAsync(99m, 101m);
        var item = Assert.Single(await WaitingAsync());
        await _engine.DisposeAsync(); // a shutdown keeps what waits (a stop would expire it)

        _engine = await StartEngineAsync();
        Assert.Single(_engine.Runtime.Worker(item.BotId)!.Pipeline.Waiting);
        var approved = await _engine.Approvals.ApproveAsync(item.Id, "trader", null);
        Assert.True(approved.Ok, approved.Problem?.Message);
    }

    [Fact]
    public async Task A_waiting_item_of_a_bot_that_does_not_resume_expires_on_record_saying_why()
    {
        long id = await StartAsync(Bot("doubtful", 0.75));
        await PublishAsync(99m, 101m);
        var item = Assert.Single(await WaitingAsync());
        await _engine.DisposeAsync();
        // The process ended while the bot was failing: it comes back in error and cannot act on what waited for it.
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_dir, "approvals.db")}"))
        {
            await connection.OpenAsync();
            var update = connection.CreateCommand();
            update.CommandText = $"UPDATE bots SET status = 'Error' WHERE id = {id}";
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        _engine = await StartEngineAsync();
        Assert.Null(_engine.Runtime.Worker(id));
        Assert.Empty(await WaitingAsync());
        var expired = Assert.Single(await _engine.Approvals.ListAsync(new ApprovalFilter(id, Status: null)));
        Assert.Equal((item.Id, ApprovalStatus.Expired, "engine"), (expired.Id, expired.Status, expired.DecidedBy));
        Assert.Contains("not running when the app restarted", expired.Outcome);
    }

    [Theory]
    [InlineData("2026-11-23", "15:55")] // a normal day
    [InlineData("2026-11-27", "12:55")] // the day after Thanksgiving closes at 13:00
    public async Task A_bot_is_flat_before_the_close(string day, string flatAt)
    {
        var date = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        var at = TradingBlazor.Domain.Time.MarketTime.ToUtc(date, TimeOnly.Parse(flatAt, System.Globalization.CultureInfo.InvariantCulture));
        _next = at.AddMinutes(-3);
        _clock.SetUtcNow(_next);
        long id = await StartAsync(Bot("intraday", 1.0, ExecutionMode.Auto));
        await PublishAsync(101m, 101.5m); // bought at the open of the second bar, two minutes before the flatten time
        Assert.Single((await _engine.Bots.GetAsync(id))!.Summary.Ledger.Positions);

        await PublishAsync(102m, 102.5m); // the bar ending at the flatten time sells; the next bar's open fills it
        Assert.Empty((await _engine.Bots.GetAsync(id))!.Summary.Ledger.Positions);
        await PublishAsync(103m); // and no entry after it
        await using var db = await _engine.Store.CreateDbContextAsync();
        var sale = await db.Fills.SingleAsync(f => f.Side == OrderSide.Sell);
        Assert.Equal(("flatten before the close", at), (sale.Reason, sale.FilledAt));
        var late = await db.Signals.OrderBy(s => s.Id).LastAsync();
        Assert.False(late.Executed);
        Assert.Contains("flat before the close", late.Outcome);
    }
}
