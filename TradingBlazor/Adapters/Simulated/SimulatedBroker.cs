using TradingBlazor.Domain.Execution;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Adapters.Simulated;

/// <summary>
/// The simulated broker, shared by backtests, replays and the offline market: one account, filled by bar hooks.
/// Fill rules: market orders fill at the next bar's open (or the signal bar's close) with slippage against the trader;
/// a notional order buys as many shares (whole, or fractional when allowed) as the notional and the cash pay for, fees
/// included, keeping back what closing the holdings would cost, so cash never goes negative. Protective exits are
/// checked on every bar from the open: an open beyond the stop or target fills at the open (a gap); otherwise a low
/// at or below the stop fills at the stop and a high at or above the target fills at the target; when one bar touches
/// both, the stop is assumed first (the conservative reading). A trailing stop (a fraction below the high, or a fixed ATR distance) ratchets up from each bar's high
/// after that bar's checks. Submitting a client order id twice returns the first order: it is placed at most once.
/// </summary>
public sealed class SimulatedBroker : IBarDrivenBrokerage
{
    private const int FractionalDigits = 9; // as Alpaca and the store keep them
    private const decimal FractionalStep = 0.000000001m;
    private readonly FillModel _model;
    private readonly string _idPrefix;
    private readonly Dictionary<string, Holding> _holdings = new(StringComparer.Ordinal); // symbols are upper-case by the time they get here
    private readonly Dictionary<string, List<OrderRequest>> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BrokerOrder> _orders = new(StringComparer.Ordinal);
    // Finished orders stay findable for a while (a retried submit is recognised), then go: a live account runs for months.
    private const int FinishedKept = 4096;
    private readonly Queue<string> _finished = new();

    /// <param name="idPrefix">Starts the client order ids of the exits this broker triggers (the bot's prefix).</param>
    public SimulatedBroker(decimal cash, FillModel model, string idPrefix = OrderIds.BacktestPrefix)
    {
        if (cash < 0) throw new ArgumentOutOfRangeException(nameof(cash), cash, "Starting cash cannot be negative.");
        Cash = cash;
        _model = model;
        _idPrefix = idPrefix;
    }

    /// <summary>Starts this broker's order and execution ids (a stored fill from it is recognised by it).</summary>
    public const string ExecutionPrefix = "sim-";

    public string Name => "Simulated broker";
    public bool IsSimulated => true;
    public decimal Cash { get; private set; }
    public IReadOnlyDictionary<string, Holding> Holdings => _holdings;

    public event Action<Fill>? Filled;
    public event Action<BrokerOrder>? OrderChanged;

    public decimal Exposure
    {
        get
        {
            decimal sum = 0; // a plain loop: this runs on every bar of a backtest and must not allocate
            foreach (var h in _holdings.Values) sum += h.Quantity * h.LastPrice;
            return sum;
        }
    }

    public decimal Equity => Cash + Exposure;

    public decimal HeldQuantity(string symbol) => _holdings.TryGetValue(symbol, out var h) ? h.Quantity : 0m;

    public Task<BrokerAccount> GetAccountAsync(CancellationToken ct = default) =>
        Task.FromResult(new BrokerAccount("ACTIVE", Cash, Equity, Cash));

    public Task<IReadOnlyList<BrokerPosition>> GetPositionsAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<BrokerPosition>>(_holdings.Select(h => new BrokerPosition(h.Key, h.Value.Quantity, h.Value.EntryPrice, h.Value.LastPrice)).ToList());

    public Task<BrokerOrder> SubmitAsync(OrderRequest order, CancellationToken ct = default) => Task.FromResult(Submit(order));

    public BrokerOrder Submit(OrderRequest order)
    {
        if (_orders.TryGetValue(order.ClientOrderId, out var existing)) return existing;
        var placed = new BrokerOrder($"{ExecutionPrefix}{order.ClientOrderId}", order.ClientOrderId, order.Symbol, order.Side, order.Quantity, order.Notional, 0m, null, OrderStatus.Accepted, null);
        _orders[order.ClientOrderId] = placed;
        if (!_pending.TryGetValue(order.Symbol, out var list)) _pending[order.Symbol] = list = new List<OrderRequest>();
        list.Add(order);
        OrderChanged?.Invoke(placed);
        return placed;
    }

    public Task<BrokerOrder?> FindAsync(string clientOrderId, CancellationToken ct = default) =>
        Task.FromResult(_orders.GetValueOrDefault(clientOrderId));

    public Task CancelAsync(string clientOrderId, CancellationToken ct = default)
    {
        if (_orders.TryGetValue(clientOrderId, out var order) && order.Status == OrderStatus.Accepted
            && _pending.TryGetValue(order.Symbol, out var list) && list.RemoveAll(o => o.ClientOrderId == clientOrderId) > 0)
            Update(order with { Status = OrderStatus.Canceled });
        return Task.CompletedTask;
    }

    /// <summary>Puts back a position held before a restart (the offline market keeps no state of its own).</summary>
    public void Restore(string symbol, decimal quantity, decimal entryPrice, decimal lastPrice, ProtectiveExits exits)
    {
        var (stop, target) = exits.LevelsAt(entryPrice);
        _holdings[symbol] = new Holding
        {
            Quantity = quantity, EntryPrice = entryPrice, LastPrice = lastPrice, Stop = stop, Target = target,
            TrailDistance = exits.TrailDistance, TrailFraction = exits.TrailDistance is null ? exits.TrailFraction : null,
        };
    }

    public void OnBarOpen(string symbol, Bar bar, int barIndex, double atr)
    {
        if (_model.Timing == FillTiming.NextOpen) FillPending(symbol, bar.Open, bar.StartUtc, atr);
        CheckExits(symbol, bar, atr);
    }

    public void OnBarClose(string symbol, Bar bar)
    {
        if (!_holdings.TryGetValue(symbol, out var h)) return;
        h.LastPrice = bar.Close;
        decimal? trailed = h.TrailFraction is { } f ? bar.High * (1 - f) : bar.High - h.TrailDistance;
        if (trailed is { } level && level > (h.Stop ?? 0m)) h.Stop = level;
    }

    public void AfterDecision(string symbol, Bar bar, int barIndex, double atr)
    {
        if (_model.Timing == FillTiming.SameClose) FillPending(symbol, bar.Close, bar.StartUtc, atr);
    }

    /// <summary>Sells a position at a price now (end-of-data liquidation, flatten, kill switch).</summary>
    public void Liquidate(string symbol, decimal price, DateTime time, string reason)
    {
        if (_holdings.TryGetValue(symbol, out var h)) Sell(symbol, h.Quantity, price, time, reason, OrderIds.ForExit(_idPrefix, symbol, time));
    }

    private void FillPending(string symbol, decimal price, DateTime time, double atr)
    {
        if (!_pending.TryGetValue(symbol, out var list) || list.Count == 0) return;
        foreach (var order in list)
        {
            decimal fillPrice = _model.Slippage.Apply(price, order.Side, atr);
            bool filled = order.Side == OrderSide.Buy
                ? Buy(order, fillPrice, time)
                : Sell(symbol, Math.Min(order.Quantity ?? 0m, HeldQuantity(symbol)), fillPrice, time, order.Reason ?? "signal", order.ClientOrderId);
            // A buy the cash cannot pay for, or a sell with nothing left to sell, is refused as a real broker would.
            if (!filled) Update(_orders[order.ClientOrderId] with { Status = OrderStatus.Rejected });
        }
        list.Clear();
    }

    private bool Buy(OrderRequest order, decimal price, DateTime time)
    {
        var c = _model.Commission;
        decimal budget = Math.Min(order.Notional ?? (order.Quantity ?? 0m) * price, Cash) - c.PerOrder;
        if (budget <= 0) return false;
        decimal quantity = order.Quantity ?? budget / (price + c.PerShare + c.Percent * price);
        // The account must still be able to pay for closing what it holds, this buy included, however far prices fall.
        decimal held = HeldQuantity(order.Symbol), keptForOthers = KeptToCloseExcept(order.Symbol);
        decimal perShareBoth = price + c.Percent * price + 2 * c.PerShare;
        if (c.PerOrder != 0 || c.PerShare != 0)
            quantity = Math.Min(quantity, (Cash - keptForOthers - 2 * c.PerOrder - c.PerShare * held) / perShareBoth);
        // Whole shares round down; fractional ones are truncated to 1e-9 share, so decimal rounding can never overspend.
        quantity = _model.FractionalShares ? Math.Round(quantity, FractionalDigits, MidpointRounding.ToZero) : Math.Floor(quantity);
        decimal step = _model.FractionalShares ? FractionalStep : 1m;
        while (quantity > 0 && quantity * price + c.For(quantity, price) + c.ToClose(held + quantity) + keptForOthers > Cash)
            quantity -= step;
        decimal fee = c.For(quantity, price);
        if (quantity <= 0) return false;
        Cash -= quantity * price + fee;
        var (stop, target) = order.Exits.LevelsAt(price);
        _holdings[order.Symbol] = new Holding
        {
            Quantity = quantity, EntryPrice = price, LastPrice = price, Stop = stop, Target = target,
            TrailDistance = order.Exits.TrailDistance, TrailFraction = order.Exits.TrailDistance is null ? order.Exits.TrailFraction : null,
        };
        Report(order.ClientOrderId, order.Symbol, OrderSide.Buy, quantity, price, fee, time, "entry");
        return true;
    }

    private decimal KeptToCloseExcept(string symbol)
    {
        decimal sum = 0;
        foreach (var (held, h) in _holdings)
            if (held != symbol) sum += _model.Commission.ToClose(h.Quantity);
        return sum;
    }

    private void CheckExits(string symbol, Bar bar, double atr)
    {
        if (!_holdings.TryGetValue(symbol, out var h) || (h.Stop is null && h.Target is null)) return;
        decimal? price = null;
        string reason = "";
        if (h.Stop is { } stop && bar.Open <= stop) { price = bar.Open; reason = "stop (gap)"; }
        else if (h.Target is { } target && bar.Open >= target) { price = bar.Open; reason = "target (gap)"; }
        else if (h.Stop is { } s && bar.Low <= s) { price = s; reason = h.TrailDistance is null && h.TrailFraction is null ? "stop" : "trailing stop"; }
        else if (h.Target is { } t && bar.High >= t) { price = t; reason = "target"; }
        if (price is { } p)
            Sell(symbol, h.Quantity, _model.Slippage.Apply(p, OrderSide.Sell, atr), bar.StartUtc, reason, OrderIds.ForExit(_idPrefix, symbol, bar.StartUtc));
    }

    private bool Sell(string symbol, decimal quantity, decimal price, DateTime time, string reason, string clientOrderId)
    {
        if (quantity <= 0 || !_holdings.TryGetValue(symbol, out var h)) return false;
        decimal fee = _model.Commission.For(quantity, price);
        Cash += quantity * price - fee;
        h.Quantity -= quantity;
        if (h.Quantity <= 0) _holdings.Remove(symbol);
        Report(clientOrderId, symbol, OrderSide.Sell, quantity, price, fee, time, reason);
        return true;
    }

    // The fill first, then the order's new state: a listener sees the execution before the order it completes.
    private void Report(string clientOrderId, string symbol, OrderSide side, decimal quantity, decimal price, decimal fee, DateTime time, string reason)
    {
        var order = _orders.TryGetValue(clientOrderId, out var o) ? o
            : new BrokerOrder($"{ExecutionPrefix}{clientOrderId}", clientOrderId, symbol, side, quantity, null, 0m, null, OrderStatus.Accepted, time);
        Filled?.Invoke(new Fill(clientOrderId, $"{ExecutionPrefix}{clientOrderId}-1", symbol, side, quantity, price, fee, time, reason));
        Update(order with { FilledQuantity = quantity, AverageFillPrice = price, Status = OrderStatus.Filled });
    }

    private void Update(BrokerOrder order)
    {
        _orders[order.ClientOrderId] = order;
        if (order.Status.IsFinal())
        {
            _finished.Enqueue(order.ClientOrderId);
            if (_finished.Count > FinishedKept) _orders.Remove(_finished.Dequeue());
        }
        OrderChanged?.Invoke(order);
    }

    /// <summary>An open position as the broker holds it, with its protective levels.</summary>
    public sealed class Holding
    {
        public decimal Quantity { get; set; }
        public decimal EntryPrice { get; init; }
        public decimal LastPrice { get; set; }
        public decimal? Stop { get; set; }
        public decimal? Target { get; init; }
        /// <summary>ATR trail: a fixed distance below each bar's high.</summary>
        public decimal? TrailDistance { get; init; }
        /// <summary>Percent trail: this fraction below each bar's high.</summary>
        public decimal? TrailFraction { get; init; }
    }
}
