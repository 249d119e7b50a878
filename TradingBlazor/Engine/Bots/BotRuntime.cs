using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using TradingBlazor.Adapters.Simulated;
using TradingBlazor.Data;
using TradingBlazor.Data.Entities;
using TradingBlazor.Data.Trading;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.Execution;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Time;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Events;
using TradingBlazor.Engine.Trading;

namespace TradingBlazor.Engine.Bots;

/// <summary>A connected broker account with its market data, for bots that are not demo bots.</summary>
public sealed record LiveVenue(IBrokerage Broker, IMarketDataFeed Feed, IHistoricalBars History, TimeProvider Clock);

/// <summary>How the live runtime trades (a replay changes these; the app uses the defaults).</summary>
public sealed record RuntimeOptions
{
    /// <summary>The simulated broker's fill rules.</summary>
    public FillModel Fill { get; init; } = FillModel.Default;
    /// <summary>Live bots follow their execution mode; a replay approves every signal as the backtest does.</summary>
    public bool ApproveAll { get; init; }
    /// <summary>Feed history to a bot's indicators before it goes live (a replay starts from nothing, as a backtest does).</summary>
    public bool WarmUp { get; init; } = true;
    /// <summary>Keep each bot's signals in memory too (a replay builds its result from them).</summary>
    public bool KeepSignals { get; init; }
}

/// <summary>
/// The live engine: one <see cref="BotWorker"/> per running or paused bot, fed by the market data feed's closed
/// minutes on the app's one clock, trading through the simulated broker (the default, and always for demo bots) or the
/// connected Alpaca account. Starting a bot rebuilds its book from its stored fills, resolves the orders it had in
/// flight by their client order ids (never sending one again), and warms its indicators from history.
/// </summary>
public sealed partial class BotRuntime : IAsyncDisposable
{
    private readonly IDbContextFactory<TradingDbContext> _db;
    private readonly IMarketDataFeed _feed;
    private readonly IHistoricalBars _history;
    private readonly IMarketCalendar _calendar;
    private readonly TradingEventBus _bus;
    private readonly TimeProvider _clock;
    private readonly ILogger<BotRuntime> _log;
    private readonly ConcurrentDictionary<long, BotWorker> _workers = new();
    private readonly ConcurrentDictionary<long, MemoryJournal> _memories = new();
    private readonly object _routing = new();
    private readonly SemaphoreSlim _orphans = new(1, 1);
    private readonly SemaphoreSlim _activating = new(1, 1);
    // Reports for bots not running yet while the stored bots resume: a session's first reconciliation can come first.
    private Dictionary<long, List<object>>? _held = new();

    public BotRuntime(IDbContextFactory<TradingDbContext> db, IMarketDataFeed feed, IHistoricalBars history, IMarketCalendar calendar,
        TradingEventBus bus, TimeProvider clock, ILogger<BotRuntime> log, RuntimeOptions? options = null)
    {
        _db = db;
        _feed = feed;
        _history = history;
        _calendar = calendar;
        _bus = bus;
        _clock = clock;
        _log = log;
        Options = options ?? new RuntimeOptions();
        _feed.BarUpdated += OnBar;
    }

    public RuntimeOptions Options { get; }

    /// <summary>Where live (non-demo) bots trade; null: the simulated market. Set by the broker connection.</summary>
    public Func<LiveVenue?> Live { get; set; } = () => null;

    /// <summary>The live account's broker, if one is connected.</summary>
    public IBrokerage? LiveBroker() => Live()?.Broker;

    /// <summary>A bot failed while running (the bot service records the error status).</summary>
    public event Action<long, Exception>? BotFailed;

    public BotWorker? Worker(long botId) => _workers.GetValueOrDefault(botId);

    public IReadOnlyCollection<BotWorker> Workers => (IReadOnlyCollection<BotWorker>)_workers.Values;

    public MemoryJournal? Signals(long botId) => _memories.GetValueOrDefault(botId);

    /// <summary>Starts trading a stored bot (a no-op if it already runs); throws when it cannot start.</summary>
    public async Task<BotWorker> ActivateAsync(BotRecord record, bool paused, CancellationToken ct = default)
    {
        // One activation at a time: two starts of one bot never build two workers, and the account check sees every bot.
        await _activating.WaitAsync(ct);
        try
        {
            if (_workers.TryGetValue(record.Id, out var running))
            {
                await running.RunAsync(p => { p.EntriesPaused = paused; return default; });
                return running;
            }
            return await BuildAsync(record, paused, ct);
        }
        finally
        {
            _activating.Release();
        }
    }

    private async Task<BotWorker> BuildAsync(BotRecord record, bool paused, CancellationToken ct)
    {
        var bot = BotConfigValidator.CompileOrThrow(BotConfig.Parse(record.ConfigJson));
        var prefix = OrderIds.ForBot(record.Id);
        var live = record.IsDemo ? null : Live();
        // A live bot's orders are timed on the broker's clock (reconciliation after a restart starts from them).
        ITradingJournal journal = LiveJournal(record.Id, live?.Clock ?? _clock);
        if (Options.KeepSignals) journal = new TeeJournal(_memories[record.Id] = new MemoryJournal(), journal);

        // A book belongs to its venue: what a bot did on the simulated broker is not held at Alpaca, and the other way round.
        var book = await StoredBookAsync(record.Id, bot.Config.Capital, ct, simulated: live is null);
        if (live is not null) await EnsureAccountCoversAsync(live.Broker, record.Id, book.Ledger.Cash, ct);
        var fill = Options.Fill with { FractionalShares = bot.Config.Risk.FractionalShares };
        IBrokerage broker = live?.Broker ?? new SimulatedBroker(book.Ledger.Cash, fill, prefix);
        var pipeline = new BotPipeline(bot, broker, journal, new PipelineOptions { Fill = fill, IdPrefix = prefix, ApproveAll = Options.ApproveAll, KeepHistory = Options.KeepSignals });
        pipeline.Orders.OrderFailed += (order, ex) => _log.LogWarning(ex, "Bot {BotId}: order {ClientOrderId} did not go through", record.Id, order.ClientOrderId);
        if (broker is SimulatedBroker) pipeline.ListenTo(broker);
        Restore(pipeline, book, broker as SimulatedBroker);
        foreach (var waiting in await WaitingApprovalsAsync(record.Id, bot, ct)) pipeline.RestoreApproval(waiting);
        pipeline.EntriesPaused = paused;
        RestoreHalts(pipeline, record);
        if (live is not null) pipeline.EntryGuard = await DayTradeGuardAsync(live, ct);

        var feed = live?.Feed ?? _feed;
        var history = live?.History ?? _history;
        var now = (live?.Clock ?? _clock).UtcNow();
        if (Options.WarmUp) await WarmUpAsync(pipeline, history, now, ct);
        var worker = new BotWorker(record.Id, pipeline, _calendar, (w, ex) => Fail(w, ex)) { Feed = feed, GapFill = live?.History, Clock = live?.Clock ?? _clock, Journal = journal };
        try
        {
            if (Options.WarmUp) worker.Prime(await BucketInProgressAsync(pipeline, history, now, ct));
            await ResolveInFlightAsync(worker, book.InFlight, ct);
        }
        catch
        {
            await worker.DisposeAsync();
            throw;
        }
        lock (_routing)
        {
            if (_held is not null && _held.Remove(record.Id, out var held)) foreach (var report in held) Post(worker, report);
            _workers[record.Id] = worker;
        }
        feed.Subscribe(pipeline.Symbols);
        _log.LogInformation("Bot {BotId} {Name} started ({Status}) on {Broker}, {Symbols}", record.Id, bot.Config.Name, paused ? "paused" : "running",
            broker.Name, string.Join(",", pipeline.Symbols));
        return worker;
    }

    // Zero leverage across bots: together, the cash of the bots sharing an account never exceeds the account's cash.
    private async Task EnsureAccountCoversAsync(IBrokerage broker, long botId, decimal cash, CancellationToken ct)
    {
        decimal others = 0m;
        foreach (var w in _workers.Values.Where(w => w.BotId != botId && w.Pipeline.Orders.Broker == broker))
        {
            decimal c = 0m;
            await w.RunAsync(p => { c = p.Ledger.Cash - p.Ledger.Reserved; return default; });
            others += c;
        }
        var account = await broker.GetAccountAsync(ct);
        if (cash + others > account.Cash)
            throw new InvalidOperationException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{broker.Name} has {account.Cash:N2} cash; the running bots already use {others:N2} and this bot needs {cash:N2} (no leverage: lower its capital)."));
    }

    /// <summary>Stops a bot's worker after everything it was given has been processed.</summary>
    /// <param name="expireWaiting">The trader stopped the bot: what waited for approval expires, on record (a shutdown keeps it).</param>
    public async Task DeactivateAsync(long botId, bool expireWaiting = false)
    {
        if (!_workers.TryRemove(botId, out var worker)) return;
        if (expireWaiting)
        {
            try { await worker.RunAsync(p => p.ExpireWaitingAsync("the bot stopped", worker.Clock.UtcNow())); }
            catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException) { _log.LogDebug(ex, "Bot {BotId} had already stopped", botId); }
        }
        await worker.DisposeAsync();
    }

    /// <summary>
    /// Only a running bot can act on an approval: what still waits for a bot that is not running (it failed, or did
    /// not resume after a restart) expires on record, saying why, instead of showing as waiting forever.
    /// </summary>
    public async Task<int> ExpireApprovalsOfInactiveBotsAsync(string why, long? botId = null, CancellationToken ct = default)
    {
        await using var db = await _db.CreateDbContextAsync(ct);
        var waiting = await db.Approvals.Where(a => a.Status == ApprovalStatus.Pending && (botId == null || a.BotId == botId))
            .Select(a => new { a.BotId, a.ClientOrderId }).ToListAsync(ct);
        var orphaned = waiting.Where(a => !_workers.ContainsKey(a.BotId)).ToList();
        foreach (var a in orphaned)
            await LiveJournal(a.BotId, _clock).ApprovalResolvedAsync(new ApprovalDecision(a.ClientOrderId, ApprovalStatus.Expired, "engine", null, why, _clock.UtcNow()));
        if (orphaned.Count > 0) _log.LogWarning("{Count} approvals of bots not running expired: {Why}", orphaned.Count, why);
        return orphaned.Count;
    }

    // Approvals still pending in the store, as the gate holds them (the signal from its row; exits from the config's fractions).
    private async Task<List<ApprovalRequest>> WaitingApprovalsAsync(long botId, CompiledBot bot, CancellationToken ct)
    {
        await using var db = await _db.CreateDbContextAsync(ct);
        var rows = await db.Approvals.Where(a => a.BotId == botId && a.Status == ApprovalStatus.Pending).ToListAsync(ct);
        var signals = await db.Signals.Where(s => s.BotId == botId && s.ClientOrderId != null && rows.Select(r => r.ClientOrderId).Contains(s.ClientOrderId))
            .ToDictionaryAsync(s => s.ClientOrderId!, ct);
        var r = bot.Config.Risk;
        var exits = new ProtectiveExits(null, r.StopLoss, null, r.TakeProfit, null, r.TrailingStop);
        return rows.Select(a =>
        {
            var s = signals.GetValueOrDefault(a.ClientOrderId);
            var signal = new Domain.Strategies.Signal(a.Symbol, s?.Timestamp ?? a.RequestedAt, a.Action, a.Confidence, s?.Source ?? "restored",
                a.Values.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!.Value));
            var order = new OrderRequest(a.ClientOrderId, a.Symbol, a.Action == SignalAction.Buy ? OrderSide.Buy : OrderSide.Sell, a.Quantity, a.Notional,
                a.Action == SignalAction.Buy ? exits : ProtectiveExits.None, signal);
            return new ApprovalRequest(order, a.Price, a.Reason, a.RequestedAt, a.ExpiresAt);
        }).ToList();
    }

    /// <summary>Sells every position of a running bot at the market (its last close on the simulated broker).</summary>
    public Task FlattenAsync(long botId, string reason) =>
        _workers.TryGetValue(botId, out var worker) ? worker.RunAsync(p => FlattenAsync(p, reason)) : Task.CompletedTask;

    private static async ValueTask FlattenAsync(BotPipeline p, string reason)
    {
        foreach (var position in p.Ledger.Positions.Values.ToList()) await SellAtMarketAsync(p, position, reason);
        await p.Orders.FlushAsync();
    }

    /// <summary>
    /// Sells one position of a running bot at the market, after cancelling the orders working on its symbol (a second
    /// sale must not race the first). Returns false when the bot does not hold the symbol.
    /// </summary>
    public async Task<bool> ClosePositionAsync(long botId, string symbol, string reason)
    {
        if (!_workers.TryGetValue(botId, out var worker)) return false;
        bool held = false;
        await worker.RunAsync(async p =>
        {
            if (!p.Ledger.Positions.TryGetValue(symbol, out var position)) return;
            held = true;
            await CancelAsync(botId, p, p.Ledger.OpenOrdersOf(symbol));
            if (p.Ledger.Positions.TryGetValue(symbol, out position)) await SellAtMarketAsync(p, position, reason);
            await p.Orders.FlushAsync();
        });
        return held;
    }

    /// <summary>Cancels one working order of a running bot at its broker; false when the bot has no such order open.</summary>
    public async Task<bool> CancelOrderAsync(long botId, string clientOrderId)
    {
        if (!_workers.TryGetValue(botId, out var worker)) return false;
        bool open = false;
        await worker.RunAsync(async p =>
        {
            open = p.Ledger.OpenOrderIds.Contains(clientOrderId);
            if (open) await CancelAsync(botId, p, new[] { clientOrderId });
        });
        return open;
    }

    private static async ValueTask SellAtMarketAsync(BotPipeline p, LedgerPosition position, string reason)
    {
        var last = p.LastBar(position.Symbol);
        var time = last?.StartUtc ?? position.EntryTime;
        if (p.Orders.Broker is SimulatedBroker sim) sim.Liquidate(position.Symbol, last?.Close ?? position.LastPrice, time, reason);
        else await p.Orders.SubmitAsync(new OrderRequest(OrderIds.ForExit(p.Risk.IdPrefix, position.Symbol, time), position.Symbol, OrderSide.Sell,
            position.Quantity, null, ProtectiveExits.None, null), position.LastPrice);
    }

    /// <summary>
    /// The minute check (a Quartz job in New York time, trading sessions only): a bot on a live feed that has not seen
    /// a symbol's last closed minute — a silent stream, a dropped message — gets the missing minutes over REST, so it
    /// still decides on every bar. The simulated feed never misses one. Returns how many minutes were filled in.
    /// </summary>
    public async Task<int> CatchUpAsync(DateTime nowUtc, CancellationToken ct = default)
    {
        var due = MarketTime.MinuteStart(nowUtc).AddMinutes(-1);
        int filled = 0;
        foreach (var worker in _workers.Values)
        {
            if (worker.GapFill is not { } history) continue;
            foreach (var symbol in worker.Pipeline.Symbols)
            {
                var last = worker.LastMinute(symbol);
                if (last >= due) continue;
                var from = last == default ? due : last.AddMinutes(1);
                try
                {
                    foreach (var bar in await history.GetBarsAsync(symbol, Timeframe.Minute1, from, due.AddMinutes(1), ct))
                        if (worker.Post(bar)) filled++;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _log.LogWarning(ex, "Bot {BotId} is missing {Symbol} minutes since {From:HH:mm} and REST could not fill them", worker.BotId, symbol, from);
                }
            }
        }
        if (filled > 0) _log.LogWarning("Filled in {Count} minutes the live feed did not deliver", filled);
        return filled;
    }

    /// <summary>Routes an execution or order report from a shared broker account to the bot that placed it.</summary>
    public void Route(Fill fill)
    {
        if (!Dispatch(fill.ClientOrderId, fill)) Unmanaged(fill);
    }

    public void Route(BrokerOrder order) => Dispatch(order.ClientOrderId, order);

    /// <summary>The stored bots have resumed: from now on a report for a bot that is not running is not kept for it.</summary>
    public void ResumeDone()
    {
        Dictionary<long, List<object>>? held;
        lock (_routing) (held, _held) = (_held, null);
        foreach (var fill in held?.Values.SelectMany(r => r).OfType<Fill>() ?? []) Unmanaged(fill);
    }

    private bool Dispatch(string clientOrderId, object report)
    {
        if (OrderIds.BotOf(clientOrderId) is not { } id) return false;
        lock (_routing)
        {
            if (_workers.TryGetValue(id, out var w)) return Post(w, report);
            if (_held is null) return false;
            if (!_held.TryGetValue(id, out var list)) _held[id] = list = new();
            list.Add(report);
            return true;
        }
    }

    private static bool Post(BotWorker worker, object report) => report is Fill f ? worker.Post(f) : worker.Post((BrokerOrder)report);

    // A fill of a bot that is not running (it stopped with a sale in flight, or was stopped meanwhile) is still booked:
    // into its stored book, so its next start sees it. A fill of no bot of ours is only logged (the position is unmanaged).
    private void Unmanaged(Fill fill)
    {
        if (OrderIds.BotOf(fill.ClientOrderId) is { } id) _ = BookWithoutWorkerAsync(id, fill);
        else _log.LogWarning("Fill {ExecutionId} of {ClientOrderId} belongs to no bot; the position is unmanaged", fill.ExecutionId, fill.ClientOrderId);
    }

    // What a bot does goes to the store first, then to the event bus.
    private ITradingJournal LiveJournal(long botId, TimeProvider clock) => new TeeJournal(new StoreJournal(_db, botId, clock), new EventJournal(_bus, botId));

    private async Task BookWithoutWorkerAsync(long botId, Fill fill)
    {
        await _orphans.WaitAsync();
        try
        {
            BotRecord? record;
            await using (var db = await _db.CreateDbContextAsync()) record = await db.Bots.FindAsync(botId);
            if (record is null)
            {
                _log.LogWarning("Fill {ExecutionId} belongs to deleted bot {BotId}; the position is unmanaged", fill.ExecutionId, botId);
                return;
            }
            var book = await StoredBookAsync(botId, BotConfig.Parse(record.ConfigJson).Capital, CancellationToken.None);
            if (book.Fills.Any(f => f.ExecutionId == fill.ExecutionId)) return;
            var closed = book.Ledger.Apply(fill, 0, fill.Price);
            await LiveJournal(botId, Live()?.Clock ?? _clock).FillAsync(fill, closed, book.Ledger);
            _log.LogInformation("Booked fill {ExecutionId} of stopped bot {BotId}", fill.ExecutionId, botId);
        }
        catch (Exception ex)
        {
            _log.LogError(ex, "Could not book fill {ExecutionId} of stopped bot {BotId}", fill.ExecutionId, botId);
        }
        finally
        {
            _orphans.Release();
        }
    }

    private void OnBar(BarUpdate update) => Deliver(_feed, update);

    /// <summary>A closed bar from a feed, to every bot that trades the symbol on that feed.</summary>
    public void Deliver(IMarketDataFeed feed, BarUpdate update)
    {
        if (update.Kind != BarUpdateKind.Closed) return;
        foreach (var worker in _workers.Values)
            if (worker.Feed == feed && worker.Wants(update.Bar.Symbol)) worker.Post(update.Bar);
    }

    private void Fail(BotWorker worker, Exception ex)
    {
        _log.LogError(ex, "Bot {BotId} failed", worker.BotId);
        worker.Stop(); // a failed bot trades no further, not even on what it had queued
        if (_workers.TryRemove(worker.BotId, out _)) BotFailed?.Invoke(worker.BotId, ex);
    }

    public sealed record StoredBook(BotLedger Ledger, List<Fill> Fills, List<OrderRecord> InFlight, List<string> OrderIds);

    /// <summary>A bot's book as the store has it: the sum of its fills, replayed in order through a fresh ledger.</summary>
    /// <param name="simulated">Only the simulated broker's fills (true), only a real broker's (false), or all (null).</param>
    public async Task<StoredBook> StoredBookAsync(long botId, decimal capital, CancellationToken ct, bool? simulated = null)
    {
        await using var db = await _db.CreateDbContextAsync(ct);
        var query = db.Fills.Where(f => f.Order!.BotId == botId);
        if (simulated is { } sim) query = query.Where(f => f.ExecutionId != null && f.ExecutionId.StartsWith(SimulatedBroker.ExecutionPrefix) == sim);
        var fills = await query.OrderBy(f => f.FilledAt).ThenBy(f => f.Id)
            .Select(f => new { f.Order!.ClientOrderId, f.ExecutionId, f.Symbol, f.Side, f.Quantity, f.Price, f.Fee, f.FilledAt, f.Reason }).ToListAsync(ct);
        var ledger = new BotLedger(capital);
        var booked = fills.Select(f => new Fill(f.ClientOrderId, f.ExecutionId ?? $"stored-{f.ClientOrderId}", f.Symbol, f.Side, f.Quantity, f.Price, f.Fee, f.FilledAt, f.Reason ?? "")).ToList();
        foreach (var f in booked) ledger.Apply(f, 0, f.Price);
        var open = db.Orders.Where(o => o.BotId == botId && (o.Status == OrderStatus.Pending || o.Status == OrderStatus.Accepted || o.Status == OrderStatus.PartiallyFilled));
        // A simulated broker's orders died with it; only orders a real broker may hold are looked up there.
        if (simulated == false) open = open.Where(o => o.BrokerOrderId == null || !o.BrokerOrderId.StartsWith(SimulatedBroker.ExecutionPrefix));
        var inFlight = await open.ToListAsync(ct);
        var ids = await db.Orders.Where(o => o.BotId == botId).Select(o => o.ClientOrderId).ToListAsync(ct);
        return new StoredBook(ledger, booked, inFlight, ids);
    }

    private static void Restore(BotPipeline pipeline, StoredBook book, SimulatedBroker? venue)
    {
        var positions = book.Ledger.Positions.Values.ToList();
        pipeline.Ledger.Restore(book.Ledger.Cash, book.Ledger.RealizedPnl, positions);
        pipeline.Orders.Know(book.Fills.Select(f => f.ExecutionId));
        pipeline.Orders.KnowOrders(book.OrderIds);
        var r = pipeline.Bot.Config.Risk;
        var exits = new ProtectiveExits(null, r.StopLoss, null, r.TakeProfit, null, r.TrailingStop);
        foreach (var p in positions)
        {
            // Whoever watches the levels gets them back: the simulated broker, or the engine for a real one.
            if (venue is not null) venue.Restore(p.Symbol, p.Quantity, p.AveragePrice, p.LastPrice, exits);
            else pipeline.WatchRestored(p.Symbol, exits, p.AveragePrice);
        }
    }

    // Orders that were stored but whose outcome was not: the broker says what became of each; none is sent again.
    private async Task ResolveInFlightAsync(BotWorker worker, List<OrderRecord> inFlight, CancellationToken ct)
    {
        var broker = worker.Pipeline.Orders.Broker;
        foreach (var order in inFlight)
        {
            var found = await broker.FindAsync(order.ClientOrderId, ct);
            var state = found ?? new BrokerOrder(order.BrokerOrderId ?? "", order.ClientOrderId, order.Symbol, order.Side, order.Quantity, order.Notional,
                order.FilledQuantity, order.AverageFillPrice, OrderStatus.Canceled, order.SubmittedAt);
            if (found is null) _log.LogWarning("Order {ClientOrderId} never reached {Broker}; recorded as canceled, not resent", order.ClientOrderId, broker.Name);
            else if (found.Status is OrderStatus.Accepted or OrderStatus.PartiallyFilled or OrderStatus.Pending)
            {
                // Still working: it reserves its cash again (on the bot's thread, which owns the ledger).
                var working = new OrderRequest(order.ClientOrderId, order.Symbol, order.Side, order.Quantity == 0 ? null : order.Quantity, order.Notional, ProtectiveExits.None, null);
                await worker.RunAsync(p => { p.Ledger.OrderOpened(working, order.AverageFillPrice ?? 0m); return default; });
            }
            worker.Post(state);
        }
        await worker.DrainAsync();
    }

    /// <summary>How far back a bot's indicators are warmed before it trades at <paramref name="now"/> (a backtest of its period warms as far).</summary>
    public static DateTime WarmUpFrom(Timeframe tf, DateTime now) =>
        tf.IsDaily ? now.AddDays(-450) : now - TimeSpan.FromTicks(Math.Max(TimeSpan.FromDays(7).Ticks, tf.Duration.Ticks * 300 * 4));

    private async Task WarmUpAsync(BotPipeline pipeline, IHistoricalBars history, DateTime now, CancellationToken ct)
    {
        var tf = pipeline.Bot.Timeframe;
        var from = WarmUpFrom(tf, now);
        foreach (var symbol in pipeline.Symbols)
        {
            try
            {
                foreach (var bar in await history.GetBarsAsync(symbol, tf, from, now, ct)) pipeline.Warm(bar);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _log.LogWarning(ex, "No history to warm up {Symbol}; its indicators start from live bars", symbol);
            }
        }
    }

    private async Task<IReadOnlyList<Bar>> BucketInProgressAsync(BotPipeline pipeline, IHistoricalBars history, DateTime now, CancellationToken ct)
    {
        var tf = pipeline.Bot.Timeframe;
        if (tf == Timeframe.Minute1) return Array.Empty<Bar>();
        var start = BarAggregator.BucketStart(now, tf);
        var minutes = new List<Bar>();
        foreach (var symbol in pipeline.Symbols)
        {
            try { minutes.AddRange(await history.GetBarsAsync(symbol, Timeframe.Minute1, start, now, ct)); }
            catch (Exception ex) when (ex is not OperationCanceledException) { _log.LogDebug(ex, "No minutes for {Symbol}'s bucket in progress", symbol); }
        }
        return minutes.OrderBy(b => b.StartUtc).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        _feed.BarUpdated -= OnBar;
        foreach (var id in _workers.Keys.ToList()) await DeactivateAsync(id);
    }
}
