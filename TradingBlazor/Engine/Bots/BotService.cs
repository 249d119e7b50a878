using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using TradingBlazor.Data;
using TradingBlazor.Data.Entities;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Time;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Events;
using TradingBlazor.Engine.Trading;

namespace TradingBlazor.Engine.Bots;

/// <summary>
/// Bot CRUD and lifecycle over the store and the runtime. The stored status is the truth a restart returns to: at
/// start-up every running or paused bot is activated again (one that cannot start is set to error, with the reason).
/// Commands on one bot are serialised.
/// </summary>
public sealed partial class BotService : IBotService, IHostedService
{
    private static readonly TimeSpan SnapshotTimeout = TimeSpan.FromSeconds(2);
    private readonly IDbContextFactory<TradingDbContext> _db;
    private readonly BotRuntime _runtime;
    private readonly TradingEventBus _bus;
    private readonly TimeProvider _clock;
    private readonly ILogger<BotService> _log;
    private readonly ConcurrentDictionary<long, SemaphoreSlim> _locks = new();

    public BotService(IDbContextFactory<TradingDbContext> db, BotRuntime runtime, TradingEventBus bus, TimeProvider clock, ILogger<BotService> log)
    {
        _db = db;
        _runtime = runtime;
        _bus = bus;
        _clock = clock;
        _log = log;
        _runtime.BotFailed += (id, ex) => _ = FailedAsync(id, ex);
    }

    /// <summary>Seeds the demo bots into an empty store (the app's default), before the bots resume.</summary>
    public Func<TradingDbContext, CancellationToken, Task>? Seed { get; set; }

    public async Task StartAsync(CancellationToken ct)
    {
        if (Seed is { } seed)
        {
            await using var db = await _db.CreateDbContextAsync(ct);
            await seed(db, ct);
        }
        List<BotRecord> bots;
        await using (var db = await _db.CreateDbContextAsync(ct))
            bots = await db.Bots.Where(b => b.Status == BotStatus.Running || b.Status == BotStatus.Paused).OrderBy(b => b.Id).ToListAsync(ct);
        try
        {
            foreach (var bot in bots)
            {
                try
                {
                    await _runtime.ActivateAsync(bot, bot.Status == BotStatus.Paused, ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _log.LogError(ex, "Bot {BotId} could not resume", bot.Id);
                    await SetStatusAsync(bot.Id, BotStatus.Error, $"could not resume after a restart: {ex.Message}");
                }
            }
        }
        finally
        {
            _runtime.ResumeDone();
        }
        await _runtime.ExpireApprovalsOfInactiveBotsAsync("its bot was not running when the app restarted", ct: ct);
    }

    private async Task FailedAsync(long id, Exception ex)
    {
        try
        {
            await SetStatusAsync(id, BotStatus.Error, ex.Message);
            await _runtime.ExpireApprovalsOfInactiveBotsAsync($"its bot failed: {ex.Message}", id);
        }
        catch (Exception again)
        {
            _log.LogError(again, "Bot {BotId}: recording its failure failed", id);
        }
    }

    public async Task StopAsync(CancellationToken ct) => await _runtime.DisposeAsync();

    public async Task<IReadOnlyList<BotSummary>> ListAsync(CancellationToken ct = default)
    {
        List<BotRecord> bots;
        await using (var db = await _db.CreateDbContextAsync(ct))
            bots = await db.Bots.AsNoTracking().OrderBy(b => b.Id).ToListAsync(ct);
        var list = new List<BotSummary>(bots.Count);
        foreach (var b in bots) list.Add(await SummaryAsync(b, ct));
        return list;
    }

    public async Task<BotDetails?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await _db.CreateDbContextAsync(ct);
        var record = await db.Bots.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct);
        return record is null ? null : await DetailsAsync(record, ct);
    }

    public async Task<BotResult> CreateAsync(BotConfig config, CancellationToken ct = default) => await CreateAsync(config, demo: false, ct);

    public async Task<BotResult> CreateAsync(BotConfig config, bool demo, CancellationToken ct = default)
    {
        if (Invalid(config) is { } problem) return problem;
        await using var db = await _db.CreateDbContextAsync(ct);
        if (await db.Bots.AnyAsync(b => b.Name == config.Name, ct))
            return BotResult.Fail(BotProblemKind.Conflict, "name", $"A bot named '{config.Name}' already exists.");
        var now = _clock.UtcNow();
        var record = new BotRecord { Name = config.Name, ConfigJson = config.ToJson(), IsDemo = demo, CreatedAt = now, UpdatedAt = now };
        db.Bots.Add(record);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Created meanwhile by another request (the unique name index said no).
            await using var check = await _db.CreateDbContextAsync(ct);
            if (!await check.Bots.AnyAsync(b => b.Name == config.Name, ct)) throw;
            return BotResult.Fail(BotProblemKind.Conflict, "name", $"A bot named '{config.Name}' already exists.");
        }
        Publish(record);
        return BotResult.Success(await DetailsAsync(record, ct));
    }

    public Task<BotResult> UpdateAsync(long id, BotConfig config, CancellationToken ct = default) => Locked(id, ct, async () =>
    {
        if (Invalid(config) is { } problem) return problem;
        await using var db = await _db.CreateDbContextAsync(ct);
        var record = await db.Bots.SingleOrDefaultAsync(b => b.Id == id, ct);
        if (record is null) return NotFound(id);
        if (record.Status == BotStatus.Running)
            return BotResult.Fail(BotProblemKind.Conflict, "status", "The bot is running: pause or stop it to edit its configuration.");
        if (await db.Bots.AnyAsync(b => b.Name == config.Name && b.Id != id, ct))
            return BotResult.Fail(BotProblemKind.Conflict, "name", $"A bot named '{config.Name}' already exists.");
        // A position in a symbol the new config drops would get no bars: no marks, no exits, no stop.
        var held = (await _runtime.StoredBookAsync(id, config.Capital, ct)).Ledger.Positions.Keys;
        var dropped = held.Except(config.Symbols.Select(s => s.ToUpperInvariant())).ToList();
        if (dropped.Count > 0)
            return BotResult.Fail(BotProblemKind.Conflict, "symbols", $"The bot holds {string.Join(", ", dropped)}: sell it (stop with flatten) before removing the symbol.");
        record.Name = config.Name;
        record.ConfigJson = config.ToJson();
        record.Revision++;
        record.UpdatedAt = _clock.UtcNow();
        await db.SaveChangesAsync(ct);
        if (record.Status == BotStatus.Paused)
        {
            // A paused bot picks up its new revision now; it resumes with it.
            await _runtime.DeactivateAsync(id);
            await _runtime.ActivateAsync(record, paused: true, ct);
        }
        return BotResult.Success(await DetailsAsync(record, ct));
    });

    public Task<BotResult> DeleteAsync(long id, bool flatten, string? confirmation = null, CancellationToken ct = default) => Locked(id, ct, async () =>
    {
        await using var db = await _db.CreateDbContextAsync(ct);
        var record = await db.Bots.SingleOrDefaultAsync(b => b.Id == id, ct);
        if (record is null) return NotFound(id);
        var details = await DetailsAsync(record, ct);
        int held = details.Summary.Ledger.Positions.Count;
        if (held > 0 && !flatten)
            return BotResult.Fail(BotProblemKind.Conflict, "flatten", $"The bot holds {held} position(s): stop it with flatten, or delete with flatten=true to sell them first.");
        if (held > 0 && !Domain.Safety.Confirmation.Matches(record.Name, confirmation))
            return BotResult.Fail(BotProblemKind.Invalid, Domain.Safety.Confirmation.Field, $"Selling {held} position(s) and deleting cannot be undone: type the bot's name, {record.Name}, to confirm.");
        if (held > 0)
        {
            if (_runtime.Worker(id) is null) await _runtime.ActivateAsync(record, paused: true, ct);
            await _runtime.FlattenAsync(id, "flatten (delete)");
        }
        await _runtime.DeactivateAsync(id, expireWaiting: true);
        db.Positions.RemoveRange(db.Positions.Where(p => p.BotId == id));
        db.Bots.Remove(record);
        await db.SaveChangesAsync(ct);
        _bus.Publish(TradingEventKind.BotStatusChanged, id, new BotStatusUpdate(record.Name, BotStatus.Stopped, "deleted"));
        return BotResult.Success(details);
    });

    public Task<BotResult> CommandAsync(long id, BotCommand command, bool flatten = false, CancellationToken ct = default) => Locked(id, ct, async () =>
    {
        await using var db = await _db.CreateDbContextAsync(ct);
        var record = await db.Bots.SingleOrDefaultAsync(b => b.Id == id, ct);
        if (record is null) return NotFound(id);
        if (command == BotCommand.Start && KillSwitchEngaged) return KillSwitchConflict("start a bot");
        try
        {
            switch (command)
            {
                case BotCommand.Start or BotCommand.Pause:
                    await _runtime.ActivateAsync(record, paused: command == BotCommand.Pause, ct);
                    record.Status = command == BotCommand.Start ? BotStatus.Running : BotStatus.Paused;
                    break;
                default:
                    if (flatten) await _runtime.FlattenAsync(id, "flatten (stop)");
                    await _runtime.DeactivateAsync(id, expireWaiting: true);
                    record.Status = BotStatus.Stopped;
                    break;
            }
            record.StatusReason = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _log.LogError(ex, "Bot {BotId} could not {Command}", id, command);
            record.Status = BotStatus.Error;
            record.StatusReason = ex.Message;
        }
        record.UpdatedAt = _clock.UtcNow();
        await db.SaveChangesAsync(CancellationToken.None); // the runtime has acted: the store must say so, whatever the caller does
        Publish(record);
        return record.Status == BotStatus.Error
            ? BotResult.Fail(BotProblemKind.Conflict, "status", $"The bot could not {command.ToString().ToLowerInvariant()}: {record.StatusReason}")
            : BotResult.Success(await DetailsAsync(record, ct));
    });

    private static BotResult? Invalid(BotConfig config)
    {
        var errors = BotConfigValidator.Validate(config);
        return errors.Count == 0 ? null : BotResult.Fail(BotProblemKind.Invalid, errors[0].Field, errors[0].Message);
    }

    private static BotResult NotFound(long id) => BotResult.Fail(BotProblemKind.NotFound, "id", $"No bot with id {id}.");

    private async Task<BotResult> Locked(long id, CancellationToken ct, Func<Task<BotResult>> action)
    {
        var gate = _locks.GetOrAdd(id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try { return await action(); }
        finally { gate.Release(); }
    }

    private async Task SetStatusAsync(long id, BotStatus status, string reason)
    {
        try
        {
            await using var db = await _db.CreateDbContextAsync();
            var record = await db.Bots.SingleOrDefaultAsync(b => b.Id == id);
            if (record is null) return;
            record.Status = status;
            record.StatusReason = reason;
            record.UpdatedAt = _clock.UtcNow();
            await db.SaveChangesAsync();
            Publish(record);
        }
        catch (Exception ex)
        {
            _log.LogError(ex, "Could not record bot {BotId} as {Status}", id, status);
        }
    }

    private void Publish(BotRecord r) => _bus.Publish(TradingEventKind.BotStatusChanged, r.Id, new BotStatusUpdate(r.Name, r.Status, r.StatusReason));

    private async Task<BotDetails> DetailsAsync(BotRecord record, CancellationToken ct) =>
        new(await SummaryAsync(record, ct), BotConfig.Parse(record.ConfigJson));

    private async Task<BotSummary> SummaryAsync(BotRecord r, CancellationToken ct)
    {
        var config = BotConfig.Parse(r.ConfigJson);
        return new BotSummary(r.Id, r.Name, r.Status, r.StatusReason, config.Symbols.Select(s => s.ToUpperInvariant()).ToList(), config.Timeframe,
            config.Execution.Mode, await LedgerAsync(r.Id, config.Capital, ct), r.Revision, r.UpdatedAt, r.Halt, r.EntriesHaltedFor);
    }

    // A running bot's book is read on its own thread (a consistent snapshot); a stopped one's from its stored fills.
    private async Task<BotLedgerView> LedgerAsync(long id, decimal capital, CancellationToken ct)
    {
        if (_runtime.Worker(id) is { } worker)
        {
            BotLedgerView? view = null;
            var read = worker.RunAsync(p => { view = View(p.Ledger); return default; });
            if (await Task.WhenAny(read, Task.Delay(SnapshotTimeout, _clock, ct)) == read && view is not null) return view;
        }
        return View((await _runtime.StoredBookAsync(id, capital, ct)).Ledger);
    }

    public static BotLedgerView View(BotLedger l) => new(l.Capital, l.Cash, l.Reserved, l.Equity, l.RealizedPnl, l.UnrealizedPnl,
        l.Positions.Values.Select(p => new BotPositionView(p.Symbol, p.Quantity, p.AveragePrice, p.LastPrice, (p.LastPrice - p.AveragePrice) * p.Quantity, p.EntryTime)).ToList());
}
