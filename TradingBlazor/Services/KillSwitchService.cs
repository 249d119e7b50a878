using TradingBlazor.Engine.Bots;
using TradingBlazor.Engine.Events;

namespace TradingBlazor.Services;

/// <summary>The kill switch as the app bar shows and works it; the trader is "trader" in the audit.</summary>
public interface IKillSwitchService
{
    KillSwitchState State { get; }

    /// <summary>Raised (on the publisher's thread) when the kill switch is engaged or re-armed, here or over the API.</summary>
    event Action? Changed;

    Task<KillSwitchState> EngageAsync(bool flatten, CancellationToken ct = default);

    /// <summary>Re-arms when <paramref name="confirmation"/> is the typed phrase; null (nothing changed) when not.</summary>
    Task<KillSwitchState?> RearmAsync(string? confirmation, CancellationToken ct = default);
}

public sealed class KillSwitchUiService : IKillSwitchService, IDisposable
{
    public const string Trader = "trader";
    private readonly IKillSwitch _killSwitch;
    private readonly TradingEventBus _bus;

    public KillSwitchUiService(IKillSwitch killSwitch, TradingEventBus bus)
    {
        (_killSwitch, _bus) = (killSwitch, bus);
        _bus.Published += OnPublished;
    }

    public KillSwitchState State => _killSwitch.State;

    public event Action? Changed;

    public Task<KillSwitchState> EngageAsync(bool flatten, CancellationToken ct = default) => _killSwitch.EngageAsync(flatten, Trader, ct);

    public Task<KillSwitchState?> RearmAsync(string? confirmation, CancellationToken ct = default) => _killSwitch.DisarmAsync(confirmation, Trader, ct);

    private void OnPublished(TradingEvent e)
    {
        if (e.Kind == TradingEventKind.KillSwitch) Changed?.Invoke();
    }

    public void Dispose() => _bus.Published -= OnPublished;
}
