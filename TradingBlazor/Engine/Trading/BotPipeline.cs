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
    private readonly Dictionary<string, SymbolState> _bySymbol = new(StringComparer.Ordinal);
    private EasternDayCache _days;

    public BotPipeline(CompiledBot bot, IBrokerage broker, ITradingJournal journal, PipelineOptions options, decimal? capital = null)
    {
        _bot = bot;
        _options = options;
        _journal = journal;
        _venue = broker as IBarDrivenBrokerage;
        var risk = bot.Config.Risk with { FractionalShares = options.Fill.FractionalShares };
        Risk = new RiskEngine(risk, options.Fill.Commission.ForNotional, options.IdPrefix,
            bot.Timeframe.IsDaily ? null : new EntryWindow(bot.WindowStart, bot.WindowEnd));
        Ledger = new BotLedger(capital ?? bot.Config.Capital, options.KeepHistory);
        Orders = new OrderManager(broker, Ledger, journal);
        _strategy = bot.CreateStrategy();
        _checks = new CheckSchedule(bot.Timeframe, bot.Config.CheckEvery);
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
        Risk.State.Mark(_days.Date(values.TimeMs), Ledger.Equity);

        bool busy = Ledger.HeldQuantity(symbol) > 0 || Ledger.HasOpenOrder(symbol);
        var signal = _strategy.OnBar(symbol, bar.StartUtc, frame, busy);
        bool act = trade && signal is not null && _checks.IsCheck(bar) && (_options.TradeFromUtc is not { } from || bar.StartUtc >= from);
        if (act) return DecideAsync(signal!, bar, index, frame.Atr);
        _venue?.AfterDecision(symbol, bar, index, frame.Atr);
        return Orders.HasUnsaved ? Orders.FlushAsync() : default;
    }

    public ValueTask OnBarAsync(Bar bar, bool trade = true) => OnBarAsync(bar, bar.ToOhlcv(), trade);

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
        return Orders.OnFill(fill, state?.BarIndex ?? 0, state?.Last?.Close ?? fill.Price);
    }

    private async ValueTask DecideAsync(Signal signal, Bar bar, int index, double atr)
    {
        var outcome = await ExecuteAsync(signal, bar, atr);
        await _journal.SignalAsync(outcome);
        _venue?.AfterDecision(bar.Symbol, bar, index, atr);
        if (Orders.HasUnsaved) await Orders.FlushAsync();
    }

    private async ValueTask<SignalOutcome> ExecuteAsync(Signal signal, Bar bar, double atr)
    {
        if (signal.Action == SignalAction.Buy && EntriesPaused)
            return new SignalOutcome(signal, false, new RiskRejection(RiskRejectionCode.BotPaused, "The bot is paused: no new entries."));
        if (signal.Action == SignalAction.Buy && EntryGuard?.Invoke(signal) is { } refused) return new SignalOutcome(signal, false, refused);
        var (order, rejection) = Risk.Evaluate(signal, Ledger.View(signal.Symbol), bar.Close, atr);
        if (order is null) return new SignalOutcome(signal, false, rejection);
        if (!_options.ApproveAll && NeedsApproval(signal)) return new SignalOutcome(signal, false, null, order.ClientOrderId, AwaitingApproval: true);
        await Orders.SubmitAsync(order, bar.Close);
        return new SignalOutcome(signal, true, null, order.ClientOrderId);
    }

    private bool NeedsApproval(Signal signal) => _bot.Config.Execution.Mode switch
    {
        ExecutionMode.Manual => true,
        ExecutionMode.Hybrid => signal.Confidence < _bot.Config.Execution.ConfidenceThreshold,
        _ => false,
    };

    private SymbolState NewState() => new(new IndicatorFrame(_bot.Variables, _bot.Config.Risk.AtrPeriod));

    private sealed class SymbolState(IndicatorFrame frame)
    {
        public IndicatorFrame Frame { get; } = frame;
        public int BarIndex { get; set; } = -1;
        public Bar? First { get; set; }
        public Bar? Last { get; set; }
    }
}
