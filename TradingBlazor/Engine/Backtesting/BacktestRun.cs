using TradingBlazor.Adapters.Simulated;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Engine.Trading;

namespace TradingBlazor.Engine.Backtesting;

/// <summary>
/// A pipeline being driven over recorded bars (by the backtester's loop, or by the live runtime in a replay), with
/// its equity curve; <see cref="Finish"/> turns it into a result. Both drivers build results here, so they compare.
/// </summary>
public sealed class BacktestRun
{
    private readonly List<EquityPoint> _equity;
    private int _barsInPosition;

    /// <param name="expectedPoints">Capacity for the equity curve (one point per instant), so it is allocated once.</param>
    public BacktestRun(CompiledBot bot, BotPipeline pipeline, SimulatedBroker broker, MemoryJournal journal, int expectedPoints = 0)
    {
        _equity = new List<EquityPoint>(expectedPoints);
        Bot = bot;
        Pipeline = pipeline;
        Broker = broker;
        Journal = journal;
    }

    public CompiledBot Bot { get; }
    public BotPipeline Pipeline { get; }
    public SimulatedBroker Broker { get; }
    public MemoryJournal Journal { get; }

    /// <summary>All bars at one instant have been processed: one equity point.</summary>
    public void Mark(DateTime time)
    {
        _equity.Add(new EquityPoint(time, Pipeline.Ledger.Equity));
        if (Pipeline.Ledger.Positions.Count > 0) _barsInPosition++;
    }

    public BacktestResult Finish(EndOfData end)
    {
        var ledger = Pipeline.Ledger;
        var lasts = Pipeline.SeenSymbols.ToDictionary(s => s, s => Pipeline.LastBar(s)!);
        if (end == EndOfData.Liquidate && ledger.Positions.Count > 0)
        {
            foreach (var symbol in ledger.Positions.Keys.ToList())
                Broker.Liquidate(symbol, lasts[symbol].Close, lasts[symbol].StartUtc, "end of data");
            _equity[^1] = _equity[^1] with { Equity = ledger.Equity };
        }
        var open = ledger.Positions.Values.Select(p => new OpenPositionAtEnd(p.Symbol, p.EntryTime, p.AveragePrice, p.Quantity, p.LastPrice)).ToList();
        var firsts = Pipeline.SeenSymbols.ToDictionary(s => s, s => Pipeline.FirstBar(s)!);
        double benchmark = lasts.Keys.Average(s => (double)(lasts[s].Close / firsts[s].Open - 1) * 100);
        var metrics = BacktestMetrics.Compute(ledger.Capital, _equity, ledger.Trades, ledger.Fills, _barsInPosition, Bot.Timeframe, benchmark);
        return new BacktestResult(ledger.Capital, ledger.Equity, Pipeline.BarsSeen, firsts.Values.Min(b => b.StartUtc), lasts.Values.Max(b => b.StartUtc),
            _equity, ledger.Trades, ledger.Fills, Journal.Signals, open, metrics);
    }
}
