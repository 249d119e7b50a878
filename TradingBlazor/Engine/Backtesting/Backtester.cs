using TradingBlazor.Adapters.Simulated;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Engine.Trading;

namespace TradingBlazor.Engine.Backtesting;

/// <summary>
/// Event-driven backtest: a loop that feeds the bars of all symbols, in time order, to the bot's
/// <see cref="BotPipeline"/> — the pipeline the live engine runs — over a simulated broker. Everything a bar does
/// (fills at its open, indicators, the strategy, risk, orders) happens in the pipeline.
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
        var bySymbol = series.ToDictionary(kv => kv.Key.ToUpperInvariant(), kv => kv.Value);
        var symbols = bySymbol.Keys.OrderBy(s => s, StringComparer.Ordinal).ToArray();
        if (symbols.Length == 0 || symbols.All(s => bySymbol[s].Count == 0)) throw new ArgumentException("No bars to backtest.", nameof(series));
        var bars = symbols.Select(s => bySymbol[s].Bars).ToArray();
        var run = Start(_bot, _options, expectedPoints: bars.Max(b => b.Count));
        var ohlcv = symbols.Select(s => bySymbol[s].Values).ToArray();
        int total = bars.Sum(b => b.Count);
        var cursor = new int[symbols.Length];
        int processed = 0;
        int progressStep = Math.Max(total / 100, 1);

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
                time = bars[s][i].StartUtc;
                var step = run.Pipeline.OnBarAsync(bars[s][i], in ohlcv[s][i]);
                // The simulated broker and the memory journal never wait, so this is synchronous in practice.
                if (!step.IsCompletedSuccessfully) step.AsTask().GetAwaiter().GetResult();
                if (++processed % progressStep == 0)
                {
                    progress?.Report((double)processed / total);
                    ct.ThrowIfCancellationRequested();
                }
            }
            run.Mark(time);
        }
        progress?.Report(1);
        return run.Finish(_options.EndOfData);
    }

    /// <summary>A pipeline over a fresh simulated broker, with the options a backtest and a replay share.</summary>
    public static BacktestRun Start(CompiledBot bot, BacktestOptions options, ITradingJournal? journal = null, int expectedPoints = 0)
    {
        decimal capital = options.Capital ?? bot.Config.Capital;
        bool fractional = options.FractionalShares ?? bot.Config.Risk.FractionalShares;
        var fill = options.Fill with { FractionalShares = fractional };
        var broker = new SimulatedBroker(capital, fill);
        var memory = new MemoryJournal();
        var pipeline = new BotPipeline(bot, broker, journal is null ? memory : new TeeJournal(memory, journal),
            new PipelineOptions { Fill = fill, TradeFromUtc = options.TradeFromUtc, WatchExits = options.WatchExits ? true : null }, capital);
        pipeline.ListenTo(broker);
        return new BacktestRun(bot, pipeline, broker, memory, expectedPoints);
    }
}
