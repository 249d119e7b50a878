using TradingBlazor.Domain.Execution;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Adapters.Simulated;

/// <summary>
/// The simulated broker, shared by backtests and the offline live mode. Fill rules:
/// market orders fill at the next bar's open (or the signal bar's close) with slippage against the trader; a notional
/// order buys as many shares (whole, or fractional when allowed) as the notional and the cash pay for, fees included,
/// so cash never goes negative. Protective exits are checked on every bar from the open: an open beyond the stop or
/// target fills at the open (a gap); otherwise a low at or below the stop fills at the stop and a high at or above the
/// target fills at the target; when one bar touches both, the stop is assumed first (the conservative reading).
/// A trailing stop (a fraction below the high, or a fixed ATR distance) ratchets up from each bar's high after that bar's checks.
/// </summary>
public sealed class SimulatedBroker
{
    private const int FractionalDigits = 12;
    private const decimal FractionalStep = 0.000000000001m;
    private readonly FillModel _model;
    private readonly Dictionary<string, Holding> _holdings = new(StringComparer.Ordinal); // symbols are upper-case by the time they get here
    private readonly Dictionary<string, List<OrderRequest>> _pending = new(StringComparer.Ordinal); // symbols are upper-case by the time they get here

    public SimulatedBroker(decimal cash, FillModel model)
    {
        if (cash < 0) throw new ArgumentOutOfRangeException(nameof(cash), cash, "Starting cash cannot be negative.");
        Cash = cash;
        _model = model;
    }

    public decimal Cash { get; private set; }
    public List<Fill> Fills { get; } = new();
    public List<ClosedTrade> Trades { get; } = new();
    public IReadOnlyDictionary<string, Holding> Holdings => _holdings;

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

    public bool HasPending(string symbol) => _pending.TryGetValue(symbol, out var list) && list.Count > 0;

    public void Submit(OrderRequest order)
    {
        if (!_pending.TryGetValue(order.Symbol, out var list)) _pending[order.Symbol] = list = new List<OrderRequest>();
        list.Add(order);
    }

    /// <summary>A bar opens: pending market orders fill at the open (next-open timing), then protective exits are checked.</summary>
    public void OnBarOpen(string symbol, Bar bar, int barIndex, double atr)
    {
        if (_model.Timing == FillTiming.NextOpen) FillPending(symbol, bar.Open, bar.StartUtc, barIndex, atr, bar);
        CheckExits(symbol, bar, barIndex, atr);
    }

    /// <summary>The bar closes: marks positions, tracks excursions and the trailing stop.</summary>
    public void OnBarClose(string symbol, Bar bar)
    {
        if (!_holdings.TryGetValue(symbol, out var h)) return;
        h.LastPrice = bar.Close;
        if (bar.High > h.MaxPrice) h.MaxPrice = bar.High;
        if (bar.Low < h.MinPrice) h.MinPrice = bar.Low;
        decimal? trailed = h.TrailFraction is { } f ? bar.High * (1 - f) : bar.High - h.TrailDistance;
        if (trailed is { } level && level > (h.Stop ?? 0m)) h.Stop = level;
    }

    /// <summary>Same-close timing: fills what the strategy just asked for at this bar's close.</summary>
    public void FillAtClose(string symbol, Bar bar, int barIndex, double atr)
    {
        if (_model.Timing == FillTiming.SameClose) FillPending(symbol, bar.Close, bar.StartUtc, barIndex, atr, bar);
    }

    /// <summary>Sells everything at the given prices (end-of-data liquidation, kill switch).</summary>
    public void Liquidate(IReadOnlyDictionary<string, Bar> lastBars, int barIndex, string reason)
    {
        foreach (var symbol in _holdings.Keys.ToList())
        {
            var bar = lastBars[symbol];
            Sell(symbol, _holdings[symbol].Quantity, bar.Close, bar.StartUtc, barIndex, reason, "liquidate");
        }
    }

    private void FillPending(string symbol, decimal price, DateTime time, int barIndex, double atr, Bar bar)
    {
        if (!_pending.TryGetValue(symbol, out var list) || list.Count == 0) return;
        foreach (var order in list)
        {
            decimal fillPrice = _model.Slippage.Apply(price, order.Side, atr);
            if (order.Side == OrderSide.Buy) Buy(order, fillPrice, time, barIndex, bar);
            else Sell(symbol, Math.Min(order.Quantity ?? 0m, HeldQuantity(symbol)), fillPrice, time, barIndex, "signal", order.ClientOrderId);
        }
        list.Clear();
    }

    private void Buy(OrderRequest order, decimal price, DateTime time, int barIndex, Bar bar)
    {
        var c = _model.Commission;
        decimal budget = Math.Min(order.Notional ?? (order.Quantity ?? 0m) * price, Cash) - c.PerOrder;
        if (budget <= 0) return;
        decimal quantity = order.Quantity ?? budget / (price + c.PerShare + c.Percent * price);
        // Whole shares round down; fractional ones are truncated to 1e-12 share, so decimal rounding can never overspend.
        quantity = _model.FractionalShares ? Math.Round(quantity, FractionalDigits, MidpointRounding.ToZero) : Math.Floor(quantity);
        decimal fee = c.For(quantity, price);
        decimal step = _model.FractionalShares ? FractionalStep : 1m;
        while (quantity > 0 && quantity * price + fee > Cash)
        {
            quantity -= step;
            fee = c.For(quantity, price);
        }
        if (quantity <= 0) return;
        Cash -= quantity * price + fee;
        Fills.Add(new Fill(order.ClientOrderId, order.Symbol, OrderSide.Buy, quantity, price, fee, time, "entry"));

        var exits = order.Exits;
        decimal? stop = exits.StopDistance is { } sd ? price - sd : exits.StopFraction is { } sf ? price * (1 - sf) : null;
        decimal? target = exits.TargetDistance is { } td ? price + td : exits.TargetFraction is { } tf ? price * (1 + tf) : null;
        decimal? trailStart = exits.TrailDistance is { } trd ? price - trd : exits.TrailFraction is { } trf ? price * (1 - trf) : null;
        if (trailStart is { } ts && (stop is null || ts > stop)) stop = ts;
        _holdings[order.Symbol] = new Holding
        {
            Quantity = quantity, EntryPrice = price, EntryFees = fee, EntryTime = time, EntryBar = barIndex, LastPrice = price,
            MaxPrice = Math.Max(price, bar.Close), MinPrice = Math.Min(price, bar.Close), Stop = stop, Target = target,
            TrailDistance = exits.TrailDistance, TrailFraction = exits.TrailDistance is null ? exits.TrailFraction : null,
            EntrySignal = order.Signal,
        };
    }

    private void CheckExits(string symbol, Bar bar, int barIndex, double atr)
    {
        if (!_holdings.TryGetValue(symbol, out var h) || (h.Stop is null && h.Target is null)) return;
        decimal? price = null;
        string reason = "";
        if (h.Stop is { } stop && bar.Open <= stop) { price = bar.Open; reason = "stop (gap)"; }
        else if (h.Target is { } target && bar.Open >= target) { price = bar.Open; reason = "target (gap)"; }
        else if (h.Stop is { } s && bar.Low <= s) { price = s; reason = h.TrailDistance is null && h.TrailFraction is null ? "stop" : "trailing stop"; }
        else if (h.Target is { } t && bar.High >= t) { price = t; reason = "target"; }
        if (price is { } p) Sell(symbol, h.Quantity, _model.Slippage.Apply(p, OrderSide.Sell, atr), bar.StartUtc, barIndex, reason, $"exit-{symbol}-{barIndex}");
    }

    private void Sell(string symbol, decimal quantity, decimal price, DateTime time, int barIndex, string reason, string orderId)
    {
        if (quantity <= 0 || !_holdings.TryGetValue(symbol, out var h)) return;
        decimal fee = _model.Commission.For(quantity, price);
        Cash += quantity * price - fee;
        Fills.Add(new Fill(orderId, symbol, OrderSide.Sell, quantity, price, fee, time, reason));
        decimal entryFees = h.EntryFees * quantity / h.Quantity;
        Trades.Add(new ClosedTrade(symbol, h.EntryTime, h.EntryPrice, quantity, time, price,
            (price - h.EntryPrice) * quantity - entryFees - fee, entryFees + fee, (price / h.EntryPrice - 1) * 100m, barIndex - h.EntryBar,
            (Math.Min(h.MinPrice, price) / h.EntryPrice - 1) * 100m, (Math.Max(h.MaxPrice, price) / h.EntryPrice - 1) * 100m, reason, h.EntrySignal));
        h.Quantity -= quantity;
        h.EntryFees -= entryFees;
        if (h.Quantity <= 0) _holdings.Remove(symbol);
    }

    /// <summary>An open position as the broker holds it.</summary>
    public sealed class Holding
    {
        public decimal Quantity { get; set; }
        public decimal EntryPrice { get; init; }
        public decimal EntryFees { get; set; }
        public DateTime EntryTime { get; init; }
        public int EntryBar { get; init; }
        public decimal LastPrice { get; set; }
        public decimal MaxPrice { get; set; }
        public decimal MinPrice { get; set; }
        public decimal? Stop { get; set; }
        public decimal? Target { get; init; }
        /// <summary>ATR trail: a fixed distance below each bar's high.</summary>
        public decimal? TrailDistance { get; init; }
        /// <summary>Percent trail: this fraction below each bar's high.</summary>
        public decimal? TrailFraction { get; init; }
        public Domain.Strategies.Signal? EntrySignal { get; init; }
    }
}
