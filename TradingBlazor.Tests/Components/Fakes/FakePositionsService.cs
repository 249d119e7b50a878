using TradingBlazor.Services;

namespace TradingBlazor.Tests.Components.Fakes;

/// <summary>
/// Serves the positions and orders it holds; a close or a cancel is recorded and removes the row (or is refused with
/// <see cref="Refusal"/>); the engine's word of a change is raised on demand.
/// </summary>
public sealed class FakePositionsService : IPositionsService
{
    public List<OpenPosition> Positions { get; } = new();
    public List<WorkingOrder> Orders { get; } = new();
    public List<(long BotId, string Symbol)> Closes { get; } = new();
    public List<(long BotId, string ClientOrderId)> Cancels { get; } = new();
    public string? Refusal { get; set; }
    public int Loads { get; private set; }

    public event Action? Changed;

    public bool HasSubscribers => Changed is not null;

    /// <summary>As the engine reports a fill or an order change.</summary>
    public void Change(Action change)
    {
        change();
        Changed?.Invoke();
    }

    public Task<OpenBook> LoadAsync(CancellationToken ct = default)
    {
        Loads++;
        return Task.FromResult(new OpenBook(Positions.ToList(), Orders.ToList()));
    }

    public Task<string?> ClosePositionAsync(long botId, string symbol, CancellationToken ct = default)
    {
        Closes.Add((botId, symbol));
        if (Refusal is null) Positions.RemoveAll(p => p.BotId == botId && p.Symbol == symbol);
        return Task.FromResult(Refusal);
    }

    public Task<string?> CancelOrderAsync(long botId, string clientOrderId, CancellationToken ct = default)
    {
        Cancels.Add((botId, clientOrderId));
        if (Refusal is null) Orders.RemoveAll(o => o.ClientOrderId == clientOrderId);
        return Task.FromResult(Refusal);
    }
}
