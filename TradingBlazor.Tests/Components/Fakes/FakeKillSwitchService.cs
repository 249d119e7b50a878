using TradingBlazor.Engine.Bots;
using TradingBlazor.Services;

namespace TradingBlazor.Tests.Components.Fakes;

/// <summary>A kill switch that engages and re-arms as told (or fails with <see cref="Failure"/>); every request is recorded.</summary>
public sealed class FakeKillSwitchService : IKillSwitchService
{
    public KillSwitchState State { get; set; } = new(false, null, null, false);
    public List<bool> Engagements { get; } = new();
    public int Rearms { get; private set; }
    public Exception? Failure { get; set; }

    public event Action? Changed;

    public bool HasSubscribers => Changed is not null;

    /// <summary>As if engaged elsewhere (the API, another tab).</summary>
    public void EngageElsewhere(string by)
    {
        State = new KillSwitchState(true, new DateTime(2025, 3, 12, 15, 30, 0, DateTimeKind.Utc), by, false);
        Changed?.Invoke();
    }

    public Task<KillSwitchState> EngageAsync(bool flatten, CancellationToken ct = default)
    {
        Engagements.Add(flatten);
        if (Failure is { } failure) return Task.FromException<KillSwitchState>(failure);
        State = new KillSwitchState(true, new DateTime(2025, 3, 12, 15, 0, 0, DateTimeKind.Utc), KillSwitchUiService.Trader, flatten);
        return Task.FromResult(State);
    }

    public Task<KillSwitchState?> RearmAsync(string? confirmation, CancellationToken ct = default)
    {
        Rearms++;
        if (!Domain.Safety.Confirmation.Matches(Domain.Safety.Confirmation.RearmKillSwitch, confirmation)) return Task.FromResult<KillSwitchState?>(null);
        State = new KillSwitchState(false, null, null, false);
        return Task.FromResult<KillSwitchState?>(State);
    }
}
