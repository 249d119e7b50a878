using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.Execution;
using TradingBlazor.Domain.Indicators.Framework;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Risk;
using TradingBlazor.Domain.Strategies;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Time;
using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Engine.Trading;

/// <summary>How a pipeline is driven; the backtester, the replay and the live runtime differ only here.</summary>
public sealed record PipelineOptions
{
    public required FillModel Fill { get; init; }
    /// <summary>Starts the bot's client order ids (<see cref="OrderIds"/>).</summary>
    public string IdPrefix { get; init; } = OrderIds.BacktestPrefix;
    /// <summary>Signals before this instant are not acted on (bars before it only warm up indicators).</summary>
    public DateTime? TradeFromUtc { get; init; }
    /// <summary>
    /// Backtests and replays act on every signal that passes risk (the trader approves all, in hindsight); a live bot
    /// follows its execution mode: manual and low-confidence hybrid signals wait for the trader.
    /// </summary>
    public bool ApproveAll { get; init; } = true;
    /// <summary>Keep every fill and trade in memory for a result (backtests, replays); a live bot's memory stays bounded.</summary>
    public bool KeepHistory { get; init; } = true;
    /// <summary>
    /// The engine watches stops and targets itself (and sends them as market sales) instead of leaving them to the broker.
    /// Null: when the broker is not bar-driven (Alpaca holds no levels of ours). True with the simulated broker measures
    /// what watching costs against the backtest's fills at the level.
    /// </summary>
    public bool? WatchExits { get; init; }
    /// <summary>Sessions, for flattening before the close.</summary>
    public IMarketCalendar Calendar { get; init; } = Nyse;

    private static readonly IMarketCalendar Nyse = new NyseCalendar();
}

/// <summary>
/// One bot's trading sequence for each closed bar, the same in a backtest, a replay and live trading:
/// the broker fills what was ordered before this bar (bar-driven brokers), the symbol's indicators update, the position
/// is marked, the strategy (which has only ever seen closed bars) may signal, the execution gate and the risk engine
/// decide, and the order manager stores and sends the order. Single-threaded per bot: one caller at a time.
/// </summary>
public sealed class BotPipeline
{
    private readonly CompiledBot _bot;
    private readonly PipelineOptions _options;
    private readonly IStrategy _strategy;
    private readonly IBarDrivenBrokerage? _venue;
    private readonly ITradingJournal _journal;
    private readonly CheckSchedule _checks;
    private readonly ApprovalGate _gate;
    private readonly ExitWatcher? _watcher;
    private readonly FlattenSchedule _sessions;
    private readonly bool _flatBeforeClose;
    private readonly bool _wholeShares;
    private (string? Halted, DateOnly? EntriesHaltedFor) _halts;
    private readonly Dictionary<string, SymbolState> _bySymbol = new(StringComparer.Ordinal);
    private EasternDayCache _days;
    private readonly TimeSpan _duration;

    public BotPipeline(CompiledBot bot, IBrokerage broker, ITradingJournal journal, PipelineOptions options, decimal? capital = null)
    {
        _bot = bot;
        _options = options;
        _journal = journal;
        _venue = broker as IBarDrivenBrokerage;
        var risk = bot.Config.Risk with { FractionalShares = options.Fill.FractionalShares };
        Risk = new RiskEngine(risk, options.Fill.Commission, options.IdPrefix,
            bot.Timeframe.IsDaily ? null : new EntryWindow(bot.WindowStart, bot.WindowEnd));
        _duration = bot.Timeframe.IsDaily ? TimeSpan.Zero : bot.Timeframe.Duration;
        Ledger = new BotLedger(capital ?? bot.Config.Capital, options.KeepHistory, options.Fill.Commission);
        Orders = new OrderManager(broker, Ledger, journal);
        _strategy = bot.CreateStrategy();
        _checks = new CheckSchedule(bot.Timeframe, bot.Config.CheckEvery);
        var window = bot.Timeframe.IsDaily ? null : new EntryWindow(bot.WindowStart, bot.WindowEnd);
        _gate = new ApprovalGate(bot.Config.Execution, options.ApproveAll, window);
        if (options.WatchExits ?? _venue is null) _watcher = new ExitWatcher();
        _sessions = new FlattenSchedule(options.Calendar, risk.FlattenMinutesBeforeClose);
        _flatBeforeClose = risk.FlatBeforeClose ?? !bot.Timeframe.IsDaily;
        _wholeShares = _venue is null && !risk.FractionalShares;
        Symbols = bot.Config.Symbols.Select(s => s.ToUpperInvariant()).Distinct().OrderBy(s => s, StringComparer.Ordinal).ToArray();
        foreach (var s in Symbols) _bySymbol[s] = NewState();
    }

    /// <summary>
    /// Takes a broker's reports directly, on the caller's thread: for a broker this bot owns alone (the simulated
    /// one, whose reports arrive inside the bar hooks). A shared account's reports are routed to the bot's thread instead.
    /// </summary>
    public void ListenTo(IBrokerage broker)
    {
        broker.Filled += fill => OnFill(fill);
        broker.OrderChanged += Orders.OnOrderChanged;
    }

    public CompiledBot Bot => _bot;
    public IReadOnlyList<string> Symbols { get; }
    public BotLedger Ledger { get; }
    public RiskEngine Risk { get; }
    public OrderManager Orders { get; }
    /// <summary>Paused: no new entries; exits, protective stops and risk keep running.</summary>
    public bool EntriesPaused { get; set; }
    /// <summary>A check of the broker account's own rules before an entry (e.g. pattern-day-trader limits); null when none.</summary>
    public Func<Signal, RiskRejection?>? EntryGuard { get; set; }
    /// <summary>The latest bar seen of a symbol.</summary>
    public Bar? LastBar(string symbol) => _bySymbol.TryGetValue(symbol, out var s) ? s.Last : null;
    public Bar? FirstBar(string symbol) => _bySymbol.TryGetValue(symbol, out var s) ? s.First : null;
    /// <summary>Symbols that have had at least one bar.</summary>
    public IEnumerable<string> SeenSymbols => _bySymbol.Where(kv => kv.Value.Last is not null).Select(kv => kv.Key);
    public int BarsSeen { get; private set; }

    /// <summary>Runs one closed bar (bars of all symbols in time order; a backtest may bring symbols the config does not list).</summary>
    public ValueTask OnBarAsync(Bar bar, in Ohlcv values, bool trade = true)
    {
        var symbol = bar.Symbol;
        if (!_bySymbol.TryGetValue(symbol, out var state)) _bySymbol[symbol] = state = NewState();
        if (state.Last is { } seen && bar.StartUtc <= seen.StartUtc) return default; // already seen (warm-up overlap, a repeat)
        int index = ++state.BarIndex;
        state.First ??= bar;
        state.Last = bar;
        BarsSeen++;
        var frame = state.Frame;
        _venue?.OnBarOpen(symbol, bar, index, frame.Atr);
        frame.Update(in values);
        _venue?.OnBarClose(symbol, bar);
        Ledger.Mark(symbol, bar);
        var date = _days.Date(values.TimeMs);
        Risk.State.Mark(date, Ledger.Equity);

        bool busy = Ledger.HeldQuantity(symbol) > 0 || Ledger.HasOpenOrder(symbol);
        var signal = _strategy.OnBar(symbol, bar.StartUtc, frame, busy);
        bool act = trade && signal is not null && _checks.IsCheck(bar) && (_options.TradeFromUtc is not { } from || bar.StartUtc >= from);
        // A daily bar ends at its session's close, which the flatten schedule knows; intraday bars after their duration.
        var session = _sessions.For(date);
        var end = _duration == TimeSpan.Zero ? session?.Close ?? bar.StartUtc : bar.StartUtc + _duration;
        var flat = _flatBeforeClose ? session : null;
        bool flatten = trade && flat is { } f && end >= f.At && bar.StartUtc < f.Close && state.FlattenedOn != date
                       && (Ledger.HeldQuantity(symbol) > 0 || Ledger.HasOpenOrder(symbol));
        bool expire = _gate.NextExpiry <= end;
        var exit = trade && _watcher is not null && !flatten ? _watcher.Check(bar) : null;
        if (exit is not null && Ledger.HasOpenOrder(symbol)) exit = null; // a sale is already working
        if (act || flatten || expire || exit is not null)
            return DecideAsync(act ? signal : null, bar, index, frame.Atr, end, flatten ? date : null, flat?.At, expire, exit);
        _venue?.AfterDecision(symbol, bar, index, frame.Atr);
        return Orders.HasUnsaved ? Orders.FlushAsync() : default;
    }

    public ValueTask OnBarAsync(Bar bar, bool trade = true) => OnBarAsync(bar, bar.ToOhlcv(), trade);

    /// <summary>Watched exits see every minute, not only the bot's bars (a 15-minute bot is still stopped out within the minute).</summary>
    public bool WatchesMinutes => _watcher is not null && _bot.Timeframe != Timeframe.Minute1;

    public async ValueTask OnMinuteAsync(Bar minute)
    {
        if (_watcher?.Check(minute) is not { } exit || Ledger.HasOpenOrder(minute.Symbol)) return;
        decimal held = Ledger.HeldQuantity(minute.Symbol);
        if (held <= 0) return;
        await Orders.SubmitAsync(new OrderRequest(OrderIds.ForExit(Risk.IdPrefix, minute.Symbol, minute.StartUtc), minute.Symbol, OrderSide.Sell, held, null,
            ProtectiveExits.None, null, exit), minute.Close);
        if (Orders.HasUnsaved) await Orders.FlushAsync();
    }

    /// <summary>History before the bot goes live: indicators, marks and rule state only; no broker, no orders.</summary>
    public void Warm(Bar bar)
    {
        if (!_bySymbol.TryGetValue(bar.Symbol, out var state)) return;
        if (state.Last is { } seen && bar.StartUtc <= seen.StartUtc) return;
        state.BarIndex++;
        state.Last = bar;
        state.Frame.Update(bar.ToOhlcv());
        Ledger.Mark(bar.Symbol, bar);
        _strategy.OnBar(bar.Symbol, bar.StartUtc, state.Frame, Ledger.HeldQuantity(bar.Symbol) > 0);
    }

    /// <summary>An execution reported by the broker; booked at the symbol's current bar.</summary>
    public bool OnFill(Fill fill)
    {
        _bySymbol.TryGetValue(fill.Symbol, out var state);
        if (!Orders.OnFill(fill, state?.BarIndex ?? 0, state?.Last?.Close ?? fill.Price)) return false;
        if (_watcher is not null)
        {
            if (Ledger.Positions.TryGetValue(fill.Symbol, out var held)) { if (fill.Side == OrderSide.Buy) _watcher.Arm(fill.Symbol, held.Exits, held.AveragePrice); }
            else _watcher.Disarm(fill.Symbol);
        }
        return true;
    }

    /// <summary>Watches a position restored after a restart (levels from the entry's exits at its average price).</summary>
    public void WatchRestored(string symbol, ProtectiveExits exits, decimal averagePrice) => _watcher?.Arm(symbol, exits, averagePrice);

    // The rare bar that does more than update: expiries, flattening before the close, a signal.
    private async ValueTask DecideAsync(Signal? signal, Bar bar, int index, double atr, DateTime end, DateOnly? flattenOn, DateTime? flattenAt, bool expire,
        string? exit = null)
    {
        if (exit is not null && Ledger.HeldQuantity(bar.Symbol) is > 0 and var held)
        {
            // A watched stop or target: a market sale that never waits for approval.
            await Orders.SubmitAsync(new OrderRequest(OrderIds.ForExit(Risk.IdPrefix, bar.Symbol, bar.StartUtc), bar.Symbol, OrderSide.Sell, held, null,
                ProtectiveExits.None, null, exit), bar.Close);
            signal = signal?.Action == SignalAction.Sell ? null : signal;
        }
        if (expire)
            foreach (var r in _gate.TakeExpired(end))
                await _journal.ApprovalResolvedAsync(new ApprovalDecision(r.ClientOrderId, ApprovalStatus.Expired, "engine", null, $"expired at {r.ExpiresUtc:u}", end));
        if (flattenOn is { } date) await FlattenAsync(bar, date);
        if (signal is not null)
        {
            var (outcome, waiting) = await ExecuteAsync(signal, bar, atr, end, flattenAt);
            await _journal.SignalAsync(outcome);
            if (waiting is not null) await _journal.ApprovalRequestedAsync(waiting);
            await NoteHaltsAsync();
        }
        _venue?.AfterDecision(bar.Symbol, bar, index, atr);
        if (Orders.HasUnsaved) await Orders.FlushAsync();
    }

    private async ValueTask<(SignalOutcome, ApprovalRequest?)> ExecuteAsync(Signal signal, Bar bar, double atr, DateTime end, DateTime? flattenAt)
    {
        if (signal.Action == SignalAction.Buy && flattenAt is { } at && end >= at)
            return (new SignalOutcome(signal, false, new RiskRejection(RiskRejectionCode.OutsideTradingWindow,
                $"No new entries after {MarketTime.ToEastern(at):HH\\:mm} ET: the bot is flat before the close.")), null);
        if (_gate.IsWaiting(signal.Symbol, signal.Action))
            return (new SignalOutcome(signal, false, new RiskRejection(RiskRejectionCode.AlreadyInPosition, "An earlier signal for this is waiting for approval.")), null);
        if (Refusal(signal) is { } refused) return (new SignalOutcome(signal, false, refused), null);
        var (order, rejection) = Risk.Evaluate(signal, Ledger.View(signal.Symbol), bar.Close, atr);
        if (order is null) return (new SignalOutcome(signal, false, rejection), null);
        var (verdict, reason) = _gate.Judge(signal);
        switch (verdict)
        {
            case GateVerdict.Wait:
                return (new SignalOutcome(signal, false, null, order.ClientOrderId, AwaitingApproval: true), _gate.Hold(order, bar.Close, reason, end));
            case GateVerdict.Ignore:
                return (new SignalOutcome(signal, false, new RiskRejection(RiskRejectionCode.BelowApprovalThreshold, reason)), null);
            default:
                await Orders.SubmitAsync(Sized(order, bar.Close), bar.Close, brokerHoldsExits: _watcher is null);
                return (new SignalOutcome(signal, true, null, order.ClientOrderId), null);
        }
    }

    // A broker that does not size orders itself (Alpaca) would buy a notional in fractions: a whole-shares bot sends the
    // whole shares its notional buys at the decision price (at least one: the risk engine refuses less than a share).
    private OrderRequest Sized(OrderRequest order, decimal price) =>
        _wholeShares && order.Notional is { } notional && price > 0 ? order with { Quantity = Math.Floor(notional / price), Notional = null } : order;

    // Checks before the risk engine that are the bot's state, not its limits.
    private RiskRejection? Refusal(Signal signal) =>
        signal.Action == SignalAction.Sell
            ? Ledger.HasOpenOrder(signal.Symbol) ? new RiskRejection(RiskRejectionCode.NoPosition, $"An order for {signal.Symbol} is still working; no second sale.") : null
        : EntriesPaused ? new RiskRejection(RiskRejectionCode.BotPaused, "The bot is paused: no new entries.")
        : EntryGuard?.Invoke(signal);

    /// <summary>The trader approved a waiting item: everything is checked again, then its order is sent. Null when it is not waiting.</summary>
    public async ValueTask<ApprovalDecision?> ApproveAsync(string clientOrderId, string by, string? note, DateTime nowUtc)
    {
        if (!_gate.TryTake(clientOrderId, out var r)) return null;
        var decision = await RecheckAndSendAsync(r, by, note, nowUtc);
        await _journal.ApprovalResolvedAsync(decision);
        await NoteHaltsAsync();
        if (Orders.HasUnsaved) await Orders.FlushAsync();
        return decision;
    }

    public async ValueTask<ApprovalDecision?> RejectAsync(string clientOrderId, string by, string? note, DateTime nowUtc)
    {
        if (!_gate.TryTake(clientOrderId, out _)) return null;
        var decision = new ApprovalDecision(clientOrderId, ApprovalStatus.Rejected, by, note, "rejected", nowUtc);
        await _journal.ApprovalResolvedAsync(decision);
        return decision;
    }

    /// <summary>Puts back an item that was waiting before a restart.</summary>
    public void RestoreApproval(ApprovalRequest request) => _gate.Restore(request);

    /// <summary>Expires everything waiting (the bot stops).</summary>
    public async ValueTask ExpireWaitingAsync(string why, DateTime nowUtc)
    {
        foreach (var r in _gate.TakeExpired(DateTime.MaxValue))
            await _journal.ApprovalResolvedAsync(new ApprovalDecision(r.ClientOrderId, ApprovalStatus.Expired, "engine", null, why, nowUtc));
    }

    public IReadOnlyCollection<ApprovalRequest> Waiting => _gate.Pending;

    private async ValueTask<ApprovalDecision> RecheckAndSendAsync(ApprovalRequest r, string by, string? note, DateTime now)
    {
        ApprovalDecision Refused(string why) => new(r.ClientOrderId, ApprovalStatus.Refused, by, note, why, now);
        if (now >= r.ExpiresUtc) return new(r.ClientOrderId, ApprovalStatus.Expired, by, note, $"expired at {r.ExpiresUtc:u}", now);
        var symbol = r.Order.Symbol;
        _bySymbol.TryGetValue(symbol, out var state);
        decimal price = state?.Last?.Close ?? r.Price;
        decimal drift = r.Price == 0 ? 0 : Math.Abs(price - r.Price) / r.Price;
        decimal limit = _bot.Config.Execution.MaxPriceDrift;
        if (drift > limit)
            return Refused(FormattableString.Invariant($"{RiskRejectionCode.PriceDrift}: the price moved {drift:P2} ({r.Price:0.####} to {price:0.####}); the limit is {limit:P2}."));
        // The signal as of now: the window, the position, the cash and every limit are judged at this bar, not the signal's.
        var now_ = r.Signal with { TimeUtc = state?.Last?.StartUtc ?? r.Signal.TimeUtc };
        if (Refusal(now_) is { } refused) return Refused($"{refused.Code}: {refused.Message}");
        var (order, rejection) = Risk.Evaluate(now_, Ledger.View(symbol), price, state?.Frame.Atr ?? double.NaN);
        if (order is null) return Refused($"{rejection!.Code}: {rejection.Message}");
        await Orders.SubmitAsync(Sized(order with { ClientOrderId = r.ClientOrderId, Signal = r.Signal }, price), price, brokerHoldsExits: _watcher is null);
        return new(r.ClientOrderId, ApprovalStatus.Approved, by, note, "sent", now);
    }

    // No overnight: cancel the symbol's open orders, then sell what is held. Never waits for approval.
    private async ValueTask FlattenAsync(Bar bar, DateOnly date)
    {
        var symbol = bar.Symbol;
        _bySymbol[symbol].FlattenedOn = date;
        foreach (var id in Ledger.OpenOrdersOf(symbol)) await Orders.Broker.CancelAsync(id);
        decimal held = Ledger.HeldQuantity(symbol);
        if (held > 0)
            await Orders.SubmitAsync(new OrderRequest(OrderIds.ForFlatten(Risk.IdPrefix, symbol, bar.StartUtc), symbol, OrderSide.Sell, held, null,
                ProtectiveExits.None, null, "flatten before the close"), bar.Close);
    }

    // The risk engine sets halts as it refuses; the store and the trader hear of each change once.
    private async ValueTask NoteHaltsAsync()
    {
        var now = (Risk.State.Halted, Risk.State.EntriesHaltedFor);
        if (now == _halts) return;
        _halts = now;
        await _journal.HaltChangedAsync(now.Halted, now.EntriesHaltedFor, now.Halted ?? (now.EntriesHaltedFor is null ? null : "daily loss limit"));
    }

    private SymbolState NewState() => new(new IndicatorFrame(_bot.Variables, _bot.Config.Risk.AtrPeriod));

    private sealed class SymbolState(IndicatorFrame frame)
    {
        public IndicatorFrame Frame { get; } = frame;
        public int BarIndex { get; set; } = -1;
        public Bar? First { get; set; }
        public Bar? Last { get; set; }
        public DateOnly FlattenedOn { get; set; }
    }
}
