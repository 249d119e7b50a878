using TradingBlazor.Domain.Execution;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Risk;
using TradingBlazor.Domain.Strategies;
using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Engine.Trading;

/// <summary>
/// One bot's book, built only from its fills: cash (allocated capital, minus what it bought, plus what it sold, fees
/// included), positions (the sum of fills, average cost), cash reserved by open buy orders, and round trips with their
/// realized P&amp;L. The risk engine sizes from it, so a bot never spends more than its own cash, whatever broker
/// account it shares with other bots. Cash that closing the positions would cost (per-order and per-share fees, which
/// a sale's proceeds may not cover) is kept back too, so selling never takes the cash below zero.
/// </summary>
public sealed class BotLedger
{
    private readonly Dictionary<string, LedgerPosition> _positions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OpenOrder> _open = new(StringComparer.Ordinal);
    private readonly HashSet<string> _openSymbols = new(StringComparer.Ordinal);
    // Orders reported ended before all their fills were booked (Alpaca may answer "filled" before the execution
    // arrives): a late fill still opens the position with the order's exits and signal.
    private readonly Dictionary<string, OpenOrder> _endedEarly = new(StringComparer.Ordinal);

    /// <param name="keepHistory">Keep every fill and round trip in memory (a backtest's result); a live bot's are in the store.</param>
    /// <param name="commission">The broker's fees (none if null): the cash to close each position is kept back.</param>
    public BotLedger(decimal capital, bool keepHistory = true, CommissionModel? commission = null)
    {
        Capital = capital;
        Cash = capital;
        _keepHistory = keepHistory;
        _commission = commission ?? new CommissionModel();
    }

    private readonly bool _keepHistory;
    private readonly CommissionModel _commission;

    public decimal Capital { get; }
    public decimal Cash { get; private set; }
    public decimal RealizedPnl { get; private set; }
    public decimal Fees { get; private set; }
    public List<Fill> Fills { get; } = new();
    public List<ClosedTrade> Trades { get; } = new();
    public IReadOnlyDictionary<string, LedgerPosition> Positions => _positions;

    /// <summary>Notional held back for buy orders that have not filled yet.</summary>
    public decimal Reserved
    {
        get
        {
            decimal sum = 0;
            foreach (var o in _open.Values) sum += o.Reserved;
            return sum;
        }
    }

    /// <summary>What closing every position, and those open buys will open, would cost at least.</summary>
    public decimal KeptToClose
    {
        get
        {
            if (_commission.PerOrder == 0 && _commission.PerShare == 0) return 0m;
            decimal sum = 0;
            foreach (var p in _positions.Values) sum += _commission.ToClose(p.Quantity);
            foreach (var o in _open.Values) sum += o.ToClose;
            return sum;
        }
    }

    public decimal Exposure
    {
        get
        {
            decimal sum = 0; // a plain loop: this runs on every bar of a backtest and must not allocate
            foreach (var p in _positions.Values) sum += p.Quantity * p.LastPrice;
            return sum;
        }
    }

    public decimal Equity => Cash + Exposure;
    public decimal UnrealizedPnl => Exposure - _positions.Values.Sum(p => p.Quantity * p.AveragePrice);

    public decimal HeldQuantity(string symbol) => _positions.TryGetValue(symbol, out var p) ? p.Quantity : 0m;

    /// <summary>
    /// An order for the symbol is working, or ended as filled with fills still to come: either way the symbol is busy,
    /// so a broker that says "filled" before its execution arrives never gets a second order for the same thing.
    /// </summary>
    public bool HasOpenOrder(string symbol) => (_open.Count > 0 && _openSymbols.Contains(symbol)) || (_endedEarly.Count > 0 && AwaitsFills(symbol));

    // A plain loop in its own method: a lambda capturing the symbol would allocate on every bar, whatever the branch.
    private bool AwaitsFills(string symbol)
    {
        foreach (var o in _endedEarly.Values)
            if (o.Symbol == symbol) return true;
        return false;
    }

    public IEnumerable<string> OpenOrderIds => _open.Keys;

    public IReadOnlyList<string> OpenOrdersOf(string symbol) => _open.Where(o => o.Value.Symbol == symbol).Select(o => o.Key).ToList();

    /// <summary>What the risk engine sees: cash not reserved by open orders nor kept to close, equity, exposure, positions.</summary>
    public AccountView View(string symbol) => new(Cash - Reserved - KeptToClose, Equity, Exposure, _positions.Count, HeldQuantity(symbol));

    /// <summary>An order has been sent: a buy reserves its notional (or quantity at the decision price) until it ends.</summary>
    public void OrderOpened(OrderRequest order, decimal decisionPrice)
    {
        decimal reserve = order.Side == OrderSide.Buy ? order.Notional ?? (order.Quantity ?? 0m) * decisionPrice : 0m;
        decimal toClose = reserve > 0 && decisionPrice > 0 ? _commission.ToClose(reserve / decisionPrice) : 0m;
        _open[order.ClientOrderId] = new OpenOrder(order.Symbol, reserve, order.Exits, order.Signal, ToClose: toClose);
        _openSymbols.Add(order.Symbol);
    }

    /// <summary>The order reached a final state (<paramref name="filledQuantity"/> filled in all): whatever it still reserved is released.</summary>
    public void OrderEnded(string clientOrderId, decimal filledQuantity = 0m)
    {
        if (!_open.Remove(clientOrderId, out var order)) return;
        if (order.Booked < filledQuantity) _endedEarly[clientOrderId] = order with { Reserved = 0m, ToClose = 0m };
        if (_open.Values.All(o => o.Symbol != order.Symbol)) _openSymbols.Remove(order.Symbol);
    }

    /// <summary>A bar closed: marks the position and tracks its excursions.</summary>
    public void Mark(string symbol, Bar bar)
    {
        if (!_positions.TryGetValue(symbol, out var p)) return;
        p.LastPrice = bar.Close;
        if (bar.High > p.MaxPrice) p.MaxPrice = bar.High;
        if (bar.Low < p.MinPrice) p.MinPrice = bar.Low;
    }

    /// <summary>
    /// Books one execution. <paramref name="barIndex"/> counts the symbol's bars (for bars held); <paramref name="markPrice"/>
    /// is the close of the bar the fill happened in, where excursions start. Returns the round trip a sell closed.
    /// </summary>
    public ClosedTrade? Apply(Fill fill, int barIndex, decimal markPrice)
    {
        if (_keepHistory) Fills.Add(fill);
        Fees += fill.Fee;
        if (_open.TryGetValue(fill.ClientOrderId, out var order))
            _open[fill.ClientOrderId] = order with { Reserved = Math.Max(order.Reserved - fill.Quantity * fill.Price, 0m), Booked = order.Booked + fill.Quantity };
        else _endedEarly.Remove(fill.ClientOrderId, out order);
        return fill.Side == OrderSide.Buy ? Bought(fill, barIndex, markPrice, order) : Sold(fill, barIndex);
    }

    /// <summary>Puts back a position (after a restart, from the stored fills).</summary>
    public void Restore(decimal cash, decimal realized, IEnumerable<LedgerPosition> positions)
    {
        Cash = cash;
        RealizedPnl = realized;
        foreach (var p in positions) _positions[p.Symbol] = p;
    }

    private ClosedTrade? Bought(Fill fill, int barIndex, decimal markPrice, OpenOrder? order)
    {
        Cash -= fill.Quantity * fill.Price + fill.Fee;
        if (_positions.TryGetValue(fill.Symbol, out var p))
        {
            decimal quantity = p.Quantity + fill.Quantity;
            p.AveragePrice = (p.AveragePrice * p.Quantity + fill.Price * fill.Quantity) / quantity;
            p.Quantity = quantity;
            p.EntryFees += fill.Fee;
            return null;
        }
        _positions[fill.Symbol] = new LedgerPosition
        {
            Symbol = fill.Symbol, Quantity = fill.Quantity, AveragePrice = fill.Price, EntryFees = fill.Fee, EntryTime = fill.TimeUtc,
            EntryBar = barIndex, LastPrice = fill.Price, MaxPrice = Math.Max(fill.Price, markPrice), MinPrice = Math.Min(fill.Price, markPrice),
            EntrySignal = order?.Signal, Exits = order?.Exits ?? ProtectiveExits.None,
        };
        return null;
    }

    private ClosedTrade? Sold(Fill fill, int barIndex)
    {
        Cash += fill.Quantity * fill.Price - fill.Fee;
        if (!_positions.TryGetValue(fill.Symbol, out var h)) return null; // not ours to account (the engine never sells what it does not hold)
        decimal quantity = Math.Min(fill.Quantity, h.Quantity);
        decimal price = fill.Price, fee = fill.Fee;
        decimal entryFees = h.EntryFees * quantity / h.Quantity;
        decimal pnl = (price - h.AveragePrice) * quantity - entryFees - fee;
        var trade = new ClosedTrade(fill.Symbol, h.EntryTime, h.AveragePrice, quantity, fill.TimeUtc, price,
            pnl, entryFees + fee, (price / h.AveragePrice - 1) * 100m, barIndex - h.EntryBar,
            (Math.Min(h.MinPrice, price) / h.AveragePrice - 1) * 100m, (Math.Max(h.MaxPrice, price) / h.AveragePrice - 1) * 100m, fill.Reason, h.EntrySignal);
        if (_keepHistory) Trades.Add(trade);
        RealizedPnl += pnl;
        h.Quantity -= quantity;
        h.EntryFees -= entryFees;
        if (h.Quantity <= 0) _positions.Remove(fill.Symbol);
        return trade;
    }

    /// <param name="ToClose">What closing the position this buy opens would cost, kept back while it works.</param>
    private sealed record OpenOrder(string Symbol, decimal Reserved, ProtectiveExits Exits, Signal? Signal, decimal Booked = 0m, decimal ToClose = 0m);
}

/// <summary>A position in a bot's book.</summary>
public sealed class LedgerPosition
{
    public required string Symbol { get; init; }
    public decimal Quantity { get; set; }
    public decimal AveragePrice { get; set; }
    public decimal EntryFees { get; set; }
    public DateTime EntryTime { get; init; }
    public int EntryBar { get; init; }
    public decimal LastPrice { get; set; }
    public decimal MaxPrice { get; set; }
    public decimal MinPrice { get; set; }
    public Signal? EntrySignal { get; init; }
    public ProtectiveExits Exits { get; init; } = ProtectiveExits.None;
}
