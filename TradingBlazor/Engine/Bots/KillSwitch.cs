using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TradingBlazor.Data;
using TradingBlazor.Data.Entities;
using TradingBlazor.Domain.Time;
using TradingBlazor.Engine.Events;

namespace TradingBlazor.Engine.Bots;

/// <summary>
/// The trader's emergency stop. Engaging it is stored first (so it holds if the app dies half-way), then every bot is
/// halted under its own lock: open orders cancelled, reduce-only with the reason "kill switch" (a bot already halted
/// keeps its own reason), positions sold if asked. While engaged no bot starts and no halt is cleared; after a restart
/// (a hosted service started after the bot service has resumed the bots) every bot is halted again. Re-arming clears
/// the setting and the kill switch's halts only: a drawdown or per-bot halt stays until the trader clears it.
/// </summary>
public sealed class KillSwitch : IKillSwitch, IHostedService
{
    public const string SettingKey = "kill_switch";
    public const string HaltReason = "kill switch";
    private static readonly KillSwitchState Disarmed = new(false, null, null, false);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly IDbContextFactory<TradingDbContext> _db;
    private readonly BotService _bots;
    private readonly TradingEventBus _bus;
    private readonly TimeProvider _clock;
    private readonly ILogger<KillSwitch> _log;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public KillSwitch(IDbContextFactory<TradingDbContext> db, BotService bots, TradingEventBus bus, TimeProvider clock, ILogger<KillSwitch> log)
    {
        (_db, _bots, _bus, _clock, _log) = (db, bots, bus, clock, log);
        bots.KillSwitch = this;
    }

    public KillSwitchState State { get; private set; } = Disarmed;

    public async Task StartAsync(CancellationToken ct)
    {
        await using (var db = await _db.CreateDbContextAsync(ct))
        {
            var row = await db.AppSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Key == SettingKey, ct);
            if (row is null) return;
            State = JsonSerializer.Deserialize<KillSwitchState>(row.Value, Json) ?? Disarmed;
        }
        if (!State.Engaged) return;
        // The resumed bots are halted from their records already; this also cancels orders found still open at the broker.
        int bots = await _bots.HaltAllAsync(HaltReason, flatten: false, ct);
        _log.LogWarning("The kill switch engaged by {By} at {At:u} still holds: {Count} bots halted", State.By, State.EngagedUtc, bots);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    public async Task<KillSwitchState> EngageAsync(bool flatten, string by, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            State = State.Engaged ? State with { Flattened = State.Flattened || flatten } : new KillSwitchState(true, _clock.UtcNow(), by, flatten);
            await SaveAsync(State, ct);
            _log.LogWarning("Kill switch engaged by {By}{Flatten}", by, flatten ? ", flattening every position" : "");
            int bots = await _bots.HaltAllAsync(HaltReason, flatten, ct);
            _bus.Publish(TradingEventKind.KillSwitch, null, new KillSwitchUpdate(true, by, flatten));
            _log.LogWarning("Kill switch: {Count} bots halted", bots);
            return State;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<KillSwitchState?> DisarmAsync(string? confirmation, string by, CancellationToken ct = default)
    {
        if (!Domain.Safety.Confirmation.Matches(Domain.Safety.Confirmation.RearmKillSwitch, confirmation)) return null;
        await _gate.WaitAsync(ct);
        try
        {
            if (!State.Engaged) return State;
            await SaveAsync(null, ct);
            State = Disarmed;
            await _bots.ClearAllAsync(HaltReason, by, ct);
            _bus.Publish(TradingEventKind.KillSwitch, null, new KillSwitchUpdate(false, by, false));
            _log.LogWarning("Kill switch re-armed by {By}", by);
            return State;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task SaveAsync(KillSwitchState? state, CancellationToken ct)
    {
        await using var db = await _db.CreateDbContextAsync(ct);
        var row = await db.AppSettings.FindAsync(new object[] { SettingKey }, ct);
        if (state is null)
        {
            if (row is not null) db.AppSettings.Remove(row);
        }
        else
        {
            if (row is null) db.AppSettings.Add(row = new AppSettingRecord { Key = SettingKey, Value = "" });
            row.Value = JsonSerializer.Serialize(state, Json);
            row.UpdatedAt = _clock.UtcNow();
        }
        await db.SaveChangesAsync(ct);
    }
}
