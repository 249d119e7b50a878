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
        if (series.Count == 0 || series.Values.All(s => s.Count == 0)) throw new ArgumentException("No bars to backtest.", nameof(series));
        var cursors = series.Select(kv => (IBarCursor)new SeriesCursor(kv.Key, kv.Value)).ToList();
        // In-memory cursors complete synchronously, so the run does too: this never blocks.
        var run = RunAsync(cursors, progress, series.Values.Max(s => s.Count), ct);
        return run.IsCompletedSuccessfully ? run.Result : run.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>
    /// The loop: a k-way merge over one cursor per symbol (symbols at the same instant in name order), holding one
    /// chunk per symbol. A cursor whose chunk ran out is refilled before the next instant is chosen.
    /// </summary>
    /// <param name="expectedPoints">Instants the run will likely have (capacity for the equity curve); 0 when unknown.</param>
    public async ValueTask<BacktestResult> RunAsync(IReadOnlyList<IBarCursor> cursors, IProgress<double>? progress = null, int expectedPoints = 0,
        CancellationToken ct = default)
    {
        var merge = new Merge(cursors.OrderBy(c => c.Symbol.ToUpperInvariant(), StringComparer.Ordinal).ToArray());
        for (int s = 0; s < merge.Cursors.Length; s++) merge.Heads[s] = await merge.Cursors[s].NextAsync(ct);
        if (merge.Heads.All(h => h is null)) throw new ArgumentException("No bars to backtest.", nameof(cursors));
        merge.StartProgress(progress);
        var run = Start(_bot, _options, expectedPoints: expectedPoints);
        while (merge.Step(run, ct) is var exhausted && exhausted.Count > 0)
        {
            foreach (int s in exhausted) merge.Heads[s] = await merge.Cursors[s].NextAsync(ct);
            exhausted.Clear();
        }
        progress?.Report(1);
        return run.Finish(_options.EndOfData);
    }

    /// <summary>The merge's state between refills: each symbol's current chunk and position in it.</summary>
    private sealed class Merge(IBarCursor[] cursors)
    {
        private const int CheckEvery = 4096;
        private readonly int[] _position = new int[cursors.Length];
        private readonly List<int> _exhausted = new();
        private IProgress<double>? _progress;
        private long _startMs, _spanMs, _processed;
        private double _reported;

        public IBarCursor[] Cursors { get; } = cursors;
        public BarSeries?[] Heads { get; } = new BarSeries?[cursors.Length];

        /// <summary>Progress is the share of the time range replayed (a streamed run does not know its bar count up front).</summary>
        public void StartProgress(IProgress<double>? progress)
        {
            _progress = progress;
            _startMs = Heads.Where(h => h is not null).Min(h => h!.Values[0].TimeMs);
            long endMs = (Cursors.Max(c => c.EndUtc).Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
            _spanMs = Math.Max(1, endMs - _startMs);
        }

        /// <summary>Runs instants until a chunk runs out (returns the symbols to refill, whose positions restart) or the bars end (empty).</summary>
        public List<int> Step(BacktestRun run, CancellationToken ct)
        {
            var heads = Heads;
            var position = _position;
            while (_exhausted.Count == 0)
            {
                long next = long.MaxValue;
                for (int s = 0; s < heads.Length; s++)
                    if (heads[s] is { } h && h.Values[position[s]].TimeMs < next) next = h.Values[position[s]].TimeMs;
                if (next == long.MaxValue) break;
                DateTime time = default;
                for (int s = 0; s < heads.Length; s++)
                {
                    if (heads[s] is not { } chunk) continue;
                    int i = position[s];
                    if (chunk.Values[i].TimeMs != next) continue;
                    var bar = chunk.Bars[i];
                    time = bar.StartUtc;
                    var step = run.Pipeline.OnBarAsync(bar, in chunk.Values[i]);
                    // The simulated broker and the memory journal never wait, so this is synchronous in practice.
                    if (!step.IsCompletedSuccessfully) step.AsTask().GetAwaiter().GetResult();
                    if (++position[s] == chunk.Count)
                    {
                        position[s] = 0;
                        _exhausted.Add(s);
                    }
                    if (++_processed % CheckEvery == 0) Checkpoint(next, ct);
                }
                run.Mark(time);
            }
            return _exhausted;
        }

        private void Checkpoint(long timeMs, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            double done = Math.Min(1, (double)(timeMs - _startMs) / _spanMs);
            if (_progress is null || done < _reported + 0.01) return;
            _reported = done;
            _progress.Report(done);
        }
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
