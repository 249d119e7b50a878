using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Engine.Events;

namespace TradingBlazor.Services;

/// <summary>
/// A position as the Positions page shows it, marked at the bot's last price. Unmanaged: held at the broker beyond what
/// the bots hold (shown, never traded by the app).
/// </summary>
public sealed record OpenPosition(
    long? BotId, string? BotName, string Symbol, decimal Quantity, decimal AveragePrice, decimal LastPrice, decimal UnrealizedPnl, DateTime? OpenedUtc,
    bool Unmanaged)
{
    public decimal MarketValue => Quantity * LastPrice;

    /// <summary>The mark against the average cost, as a fraction.</summary>
    public decimal? UnrealizedReturn => AveragePrice == 0m ? null : LastPrice / AveragePrice - 1m;
}

/// <summary>An order still working at the broker for a running or paused bot.</summary>
public sealed record WorkingOrder(
    long BotId, string? BotName, string ClientOrderId, string Symbol, OrderSide Side, decimal? Quantity, decimal? Notional, OrderStatus Status,
    decimal FilledQuantity, DateTime CreatedUtc);

/// <summary>Everything open across the bots, with the totals of the positions.</summary>
public sealed record OpenBook(IReadOnlyList<OpenPosition> Positions, IReadOnlyList<WorkingOrder> Orders)
{
    public decimal MarketValue => Positions.Sum(p => p.MarketValue);
    public decimal UnrealizedPnl => Positions.Sum(p => p.UnrealizedPnl);
}

/// <summary>The Positions page: what is open, and the trader's hand on it (close one position, cancel one order).</summary>
public interface IPositionsService
{
    /// <summary>Raised (on the publisher's thread) when a fill, an order or a bot's status may have changed the book.</summary>
    event Action? Changed;

    Task<OpenBook> LoadAsync(CancellationToken ct = default);

    /// <summary>Sells the bot's position at the market; returns why it was refused, or null.</summary>
    Task<string?> ClosePositionAsync(long botId, string symbol, CancellationToken ct = default);

    /// <summary>Cancels the bot's open order; returns why it was refused, or null.</summary>
    Task<string?> CancelOrderAsync(long botId, string clientOrderId, CancellationToken ct = default);
}

public sealed class PositionsService : IPositionsService, IDisposable
{
    // Open orders are recent: the newest few hundred hold them all (a market order lives for a bar).
    private const int RecentOrders = 500;
    private readonly IBotService _bots;
    private readonly ITradingQueries _queries;
    private readonly TradingEventBus _bus;

    public PositionsService(IBotService bots, ITradingQueries queries, TradingEventBus bus)
    {
        (_bots, _queries, _bus) = (bots, queries, bus);
        _bus.Published += OnPublished;
    }

    public event Action? Changed;

    public async Task<OpenBook> LoadAsync(CancellationToken ct = default)
    {
        var bots = await _bots.ListAsync(ct);
        var positions = bots.SelectMany(b => b.Ledger.Positions.Select(p =>
            new OpenPosition(b.Id, b.Name, p.Symbol, p.Quantity, p.AveragePrice, p.LastPrice, p.UnrealizedPnl, p.OpenedUtc, false))).ToList();
        // What the broker account holds beyond the bots (only with a connected broker): marked at cost, no price known here.
        positions.AddRange((await _queries.PositionsAsync(ct: ct)).Where(p => p.Unmanaged)
            .Select(p => new OpenPosition(null, null, p.Symbol, p.Quantity, p.AveragePrice, p.AveragePrice, 0m, null, true)));

        // A stopped bot's orders are resolved with its broker when it starts again: only active bots have working orders.
        var active = bots.Where(b => b.Status is BotStatus.Running or BotStatus.Paused).ToDictionary(b => b.Id, b => b.Name);
        var orders = (await _queries.OrdersAsync(new TradingFilter(Limit: RecentOrders), ct))
            .Where(o => !o.Status.IsFinal() && o.BotId is { } id && active.ContainsKey(id))
            .Select(o => new WorkingOrder(o.BotId!.Value, active[o.BotId.Value], o.ClientOrderId, o.Symbol, o.Side, o.Quantity, o.Notional, o.Status,
                o.FilledQuantity, o.CreatedUtc))
            .ToList();
        return new OpenBook(positions.OrderBy(p => p.BotId ?? long.MaxValue).ThenBy(p => p.Symbol, StringComparer.Ordinal).ToList(), orders);
    }

    public async Task<string?> ClosePositionAsync(long botId, string symbol, CancellationToken ct = default) =>
        (await _bots.ClosePositionAsync(botId, symbol, KillSwitchUiService.Trader, ct)).Problem?.Message;

    public async Task<string?> CancelOrderAsync(long botId, string clientOrderId, CancellationToken ct = default) =>
        (await _bots.CancelOrderAsync(botId, clientOrderId, ct)).Problem?.Message;

    private void OnPublished(TradingEvent e)
    {
        if (e.Kind is TradingEventKind.Fill or TradingEventKind.OrderSubmitted or TradingEventKind.OrderChanged or TradingEventKind.PositionChanged
            or TradingEventKind.BotStatusChanged or TradingEventKind.KillSwitch)
            Changed?.Invoke();
    }

    public void Dispose() => _bus.Published -= OnPublished;
}
