using Microsoft.EntityFrameworkCore;
using TradingBlazor.Data.Entities;

namespace TradingBlazor.Engine.Bots;

// Halts the trader sets and clears: per bot, and for every bot through the kill switch. Each bot's are serialised
// with its lifecycle commands, so a bot starting meanwhile is either halted after it started or refused.
public sealed partial class BotService
{
    /// <summary>Set by the kill switch: while it is engaged, bots are not started and halts are not cleared.</summary>
    public IKillSwitch? KillSwitch { get; set; }

    private bool KillSwitchEngaged => KillSwitch?.State.Engaged == true;

    private static BotResult KillSwitchConflict(string what) =>
        BotResult.Fail(BotProblemKind.Conflict, "kill_switch", $"The kill switch is engaged: re-arm it to {what}.");

    public Task<BotResult> HaltAsync(long id, string by, bool flatten, CancellationToken ct = default) =>
        Locked(id, ct, () => HaltCoreAsync(id, $"halted by {by}", flatten, replace: true, ct));

    public Task<BotResult> ClearHaltAsync(long id, string by, CancellationToken ct = default) => Locked(id, ct, async () =>
        KillSwitchEngaged ? KillSwitchConflict("clear a halt") : await ClearHaltCoreAsync(id, by, onlyReason: null, ct));

    /// <summary>Halts every bot, running or stopped; a bot already halted keeps its reason. Returns how many bots there are.</summary>
    public async Task<int> HaltAllAsync(string reason, bool flatten, CancellationToken ct = default)
    {
        var ids = await BotIdsAsync(ct);
        foreach (var id in ids)
        {
            try { await Locked(id, ct, () => HaltCoreAsync(id, reason, flatten, replace: false, ct)); }
            catch (Exception ex) when (ex is not OperationCanceledException) { _log.LogError(ex, "Bot {BotId} could not be halted ({Reason})", id, reason); }
        }
        return ids.Count;
    }

    /// <summary>Clears the halt <paramref name="reason"/> from every bot that has it (other halts stay).</summary>
    public async Task ClearAllAsync(string reason, string by, CancellationToken ct = default)
    {
        foreach (var id in await BotIdsAsync(ct))
        {
            try { await Locked(id, ct, () => ClearHaltCoreAsync(id, by, reason, ct)); }
            catch (Exception ex) when (ex is not OperationCanceledException) { _log.LogError(ex, "Bot {BotId}'s halt ({Reason}) could not be cleared", id, reason); }
        }
    }

    private async Task<List<long>> BotIdsAsync(CancellationToken ct)
    {
        await using var db = await _db.CreateDbContextAsync(ct);
        return await db.Bots.OrderBy(b => b.Id).Select(b => b.Id).ToListAsync(ct);
    }

    private async Task<BotResult> HaltCoreAsync(long id, string reason, bool flatten, bool replace, CancellationToken ct)
    {
        await using (var db = await _db.CreateDbContextAsync(ct))
        {
            var record = await db.Bots.SingleOrDefaultAsync(b => b.Id == id, ct);
            if (record is null) return NotFound(id);
            if (_runtime.Worker(id) is not null) await _runtime.HaltAsync(id, reason, flatten, replace);
            else if (!(flatten && await db.Positions.AnyAsync(p => p.BotId == id, ct) && await FlattenStoppedAsync(record, reason, replace, ct)))
            {
                // A stopped bot has no open orders of its own: the halt is on record for when it starts.
                if (replace || record.Halt is null) record.Halt = reason;
                await db.SaveChangesAsync(ct);
            }
        }
        return await AfterHaltChangeAsync(id, ct);
    }

    // A stopped bot that holds positions runs (paused, halted) just long enough to sell them, as delete does.
    private async Task<bool> FlattenStoppedAsync(BotRecord record, string reason, bool replace, CancellationToken ct)
    {
        try
        {
            await _runtime.ActivateAsync(record, paused: true, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _log.LogError(ex, "Bot {BotId} could not start to flatten its positions; it is halted with them", record.Id);
            return false;
        }
        try
        {
            await _runtime.HaltAsync(record.Id, reason, flatten: true, replace);
            await _runtime.WaitFlatAsync(record.Id, ct);
        }
        finally
        {
            await _runtime.DeactivateAsync(record.Id);
        }
        return true;
    }

    private async Task<BotResult> ClearHaltCoreAsync(long id, string by, string? onlyReason, CancellationToken ct)
    {
        await using (var db = await _db.CreateDbContextAsync(ct))
        {
            var record = await db.Bots.SingleOrDefaultAsync(b => b.Id == id, ct);
            if (record is null) return NotFound(id);
            if (_runtime.Worker(id) is not null) await _runtime.ClearHaltAsync(id, by, onlyReason);
            else if (onlyReason is null || record.Halt == onlyReason)
            {
                record.Halt = null;
                if (onlyReason is null) record.EntriesHaltedFor = null;
                await db.SaveChangesAsync(ct);
            }
        }
        return await AfterHaltChangeAsync(id, ct);
    }

    // The journal wrote a running bot's halt from its own thread: the answer reads the store again.
    private async Task<BotResult> AfterHaltChangeAsync(long id, CancellationToken ct)
    {
        BotRecord? record;
        await using (var db = await _db.CreateDbContextAsync(ct))
            record = await db.Bots.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct);
        if (record is null) return NotFound(id);
        Publish(record); // lists refresh: the halt shows with the status
        return BotResult.Success(await DetailsAsync(record, ct));
    }
}
