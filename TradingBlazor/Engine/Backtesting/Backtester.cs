using TradingBlazor.Adapters.Simulated;
using TradingBlazor.Domain.Indicators.Framework;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Risk;
using TradingBlazor.Domain.Strategies;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Time;
using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Engine.Backtesting;

/// <summary>
/// Event-driven backtest: bars of all symbols are replayed in time order. For each bar, the simulated broker first
/// fills what was ordered before it (at its open) and checks protective exits; then the bar closes, indicators update,
/// positions are marked, and the strategy — which has only ever seen closed bars — may signal; every order passes the
/// risk engine. The strategy, indicator, risk and broker code is the code the live engine runs.
/// </summary>
public sealed class Backtester
{
    private readonly CompiledBot _bot;
    private readonly BacktestOptions _options;

    public Backtester(CompiledBot bot, BacktestOptions? options = null)
    {
        _bot = bot;
        _options = options ?? new BacktestOptions();
    }

    /// <param name="progress">Receives the share of bars processed (0..1) now and then.</param>
    public BacktestResult Run(IReadOnlyDictionary<string, IReadOnlyList<Bar>> data, IProgress<double>? progress = null, CancellationToken ct = default) =>
        Run(BarSeries.From(data), progress, ct);

    public BacktestResult Run(IReadOnlyDictionary<string, BarSeries> series, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var config = _bot.Config;
        var bySymbol = series.ToDictionary(kv => kv.Key.ToUpperInvariant(), kv => kv.Value);
        var symbols = bySymbol.Keys.OrderBy(s => s, StringComparer.Ordinal).ToArray();
        var data = bySymbol.ToDictionary(kv => kv.Key, kv => kv.Value.Bars);
        if (symbols.Length == 0 || symbols.All(s => data[s].Count == 0)) throw new ArgumentException("No bars to backtest.", nameof(series));
        decimal capital = _options.Capital ?? config.Capital;
        bool fractional = _options.FractionalShares ?? config.Risk.FractionalShares;
        var fill = _options.Fill with { FractionalShares = fractional };
        var risk = new RiskEngine(config.Risk with { FractionalShares = fractional }, fill.Commission.ForNotional, "bt");
        var broker = new SimulatedBroker(capital, fill);
        var strategy = _bot.CreateStrategy();

        var bars = symbols.Select(s => data[s]).ToArray();
        var ohlcv = symbols.Select(s => bySymbol[s].Values).ToArray();
        var frames = symbols.Select(_ => new IndicatorFrame(_bot.Variables, config.Risk.AtrPeriod)).ToArray();
        int total = bars.Sum(b => b.Count);
        var equity = new List<EquityPoint>(bars.Max(b => b.Count));
        var signals = new List<SignalOutcome>();
        var cursor = new int[symbols.Length];
        int processed = 0, barsInPosition = 0;
        int progressStep = Math.Max(total / 100, 1);
        var days = new EasternDayCache();

        while (true)
        {
            // Next timestamp across symbols (k-way merge; symbols at the same time in name order).
            long next = long.MaxValue;
            for (int s = 0; s < symbols.Length; s++)
                if (cursor[s] < bars[s].Count && ohlcv[s][cursor[s]].TimeMs < next) next = ohlcv[s][cursor[s]].TimeMs;
            if (next == long.MaxValue) break;
            DateTime time = default;
            for (int s = 0; s < symbols.Length; s++)
            {
                int i = cursor[s];
                if (i >= bars[s].Count || ohlcv[s][i].TimeMs != next) continue;
                cursor[s]++;
                var bar = bars[s][i];
                var symbol = symbols[s];
                var frame = frames[s];
                time = bar.StartUtc;

                broker.OnBarOpen(symbol, bar, i, frame.Atr);
                frame.Update(in ohlcv[s][i]);
                broker.OnBarClose(symbol, bar);

                decimal equityNow = broker.Equity;
                risk.State.Mark(days.Date(ohlcv[s][i].TimeMs), equityNow);
                bool held = broker.HeldQuantity(symbol) > 0;
                var signal = strategy.OnBar(symbol, bar.StartUtc, frame, held || broker.HasPending(symbol));
                if (signal is not null && (_options.TradeFromUtc is not { } from || bar.StartUtc >= from))
                    signals.Add(Decide(signal, bar, frame, broker, risk));
                broker.FillAtClose(symbol, bar, i, frame.Atr);

                if (++processed % progressStep == 0)
                {
                    progress?.Report((double)processed / total);
                    ct.ThrowIfCancellationRequested();
                }
            }
            equity.Add(new EquityPoint(time, broker.Equity));
            if (broker.Holdings.Count > 0) barsInPosition++;
        }

        var lastBars = symbols.Where(s => data[s].Count > 0).ToDictionary(s => s, s => data[s][^1]);
        if (_options.EndOfData == EndOfData.Liquidate && broker.Holdings.Count > 0)
        {
            broker.Liquidate(lastBars, bars.Max(b => b.Count) - 1, "end of data");
            equity[^1] = equity[^1] with { Equity = broker.Equity };
        }
        progress?.Report(1);

        var open = broker.Holdings.Select(h => new OpenPositionAtEnd(h.Key, h.Value.EntryTime, h.Value.EntryPrice, h.Value.Quantity, h.Value.LastPrice)).ToList();
        double benchmark = symbols.Where(s => data[s].Count > 0).Average(s => (double)(data[s][^1].Close / data[s][0].Open - 1) * 100);
        var metrics = BacktestMetrics.Compute(capital, equity, broker.Trades, broker.Fills, barsInPosition, _bot.Timeframe, benchmark);
        var first = symbols.Where(s => data[s].Count > 0).Min(s => data[s][0].StartUtc);
        var last = symbols.Where(s => data[s].Count > 0).Max(s => data[s][^1].StartUtc);
        return new BacktestResult(capital, broker.Equity, processed, first, last, equity, broker.Trades, broker.Fills, signals, open, metrics);
    }

    private SignalOutcome Decide(Signal signal, Bar bar, IndicatorFrame frame, SimulatedBroker broker, RiskEngine risk)
    {
        if (signal.Action == SignalAction.Buy && !_bot.InWindow(TimeOnly.FromDateTime(MarketTime.ToEastern(bar.StartUtc))))
            return new SignalOutcome(signal, false, new RiskRejection(RiskRejectionCode.OutsideTradingWindow, $"Entries are allowed {_bot.WindowStart:HH\\:mm}–{_bot.WindowEnd:HH\\:mm} ET."));
        var account = new AccountView(broker.Cash, broker.Equity, broker.Exposure, broker.Holdings.Count, broker.HeldQuantity(signal.Symbol));
        var (order, rejection) = risk.Evaluate(signal, account, bar.Close, frame.Atr);
        if (order is null) return new SignalOutcome(signal, false, rejection);
        broker.Submit(order);
        return new SignalOutcome(signal, true, null);
    }
}
