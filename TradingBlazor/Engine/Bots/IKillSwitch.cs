namespace TradingBlazor.Engine.Bots;

public sealed record KillSwitchState(bool Engaged, DateTime? EngagedUtc, string? By, bool Flattened);

/// <summary>
/// Cancels every open order, halts every bot (reduce-only) and optionally flattens every position; it holds across a
/// restart until the trader re-arms it.
/// </summary>
public interface IKillSwitch
{
    KillSwitchState State { get; }

    Task<KillSwitchState> EngageAsync(bool flatten, string by, CancellationToken ct = default);

    /// <summary>
    /// Re-arms when <paramref name="confirmation"/> is the typed phrase (<see cref="Domain.Safety.Confirmation.RearmKillSwitch"/>);
    /// returns null, changing nothing, when it is not.
    /// </summary>
    Task<KillSwitchState?> DisarmAsync(string? confirmation, string by, CancellationToken ct = default);
}
