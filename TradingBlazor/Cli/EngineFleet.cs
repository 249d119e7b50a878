using System.Diagnostics;
using System.Text.Json;
using TradingBlazor.Adapters.Simulated;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.Execution;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Risk;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Engine.Trading;

namespace TradingBlazor.Cli;

/// <summary>
/// The engine benchmark's bots: each an RSI + MACD rules bot with its own simulated broker, pipeline, journal and
/// <see cref="BotWorker"/>, fed closed minutes the way <see cref="BotRuntime"/> feeds them.
/// </summary>
internal sealed class EngineFleet : IAsyncDisposable
{
    private readonly List<BotWorker> _workers = new();
    private readonly List<CountingJournal> _journals = new();
    private long[] _latencies = Array.Empty<long>();
    private long[] _service = Array.Empty<long>();
    private int _latencyCount;
    private Exception? _failure;

    public EngineFleet(IReadOnlyList<string> symbols, IReadOnlyList<long> botIds, Func<long, ITradingJournal> journal,
        IReadOnlyDictionary<string, Bar[]> warmUp, IMarketCalendar calendar, bool fractional)
    {
        for (int i = 0; i < botIds.Count; i++)
        {
            var symbol = symbols[i % symbols.Count];
            var bot = BotConfigValidator.CompileOrThrow(Config(symbol, fractional));
            var prefix = OrderIds.ForBot(botIds[i]);
            var fill = FillModel.Default with { FractionalShares = fractional };
            var broker = new SimulatedBroker(bot.Config.Capital, fill, prefix);
            var counted = new CountingJournal(journal(botIds[i]));
            var pipeline = new BotPipeline(bot, broker, counted, new PipelineOptions { Fill = fill, IdPrefix = prefix, ApproveAll = false });
            pipeline.ListenTo(broker);
            foreach (var bar in warmUp[symbol]) pipeline.Warm(bar);
            _journals.Add(counted);
            _workers.Add(new BotWorker(botIds[i], pipeline, calendar, (_, ex) => _failure ??= ex));
        }
    }

    public int Count => _workers.Count;
    public int Signals => _journals.Sum(j => j.Signals);
    public int Orders => _journals.Sum(j => j.Orders);
    public int Fills => _journals.Sum(j => j.Fills);

    /// <summary>Starts recording each bar's post-to-decision time (Stopwatch ticks); null stops it.</summary>
    public void RecordLatency(int capacity)
    {
        _latencies = new long[capacity];
        _latencyCount = 0;
        _service = new long[capacity];
        foreach (var w in _workers)
            w.DecisionLatency = (total, decide) =>
            {
                int i = Interlocked.Increment(ref _latencyCount) - 1;
                _latencies[i] = total;
                _service[i] = decide;
            };
    }

    public void StopRecording()
    {
        foreach (var w in _workers) w.DecisionLatency = null;
    }

    public ReadOnlySpan<long> Latencies => _latencies.AsSpan(0, Math.Min(_latencyCount, _latencies.Length));

    /// <summary>The decisions' own time, without the wait behind other bots on the same cores.</summary>
    public ReadOnlySpan<long> DecisionTimes => _service.AsSpan(0, Math.Min(_latencyCount, _service.Length));

    /// <summary>One minute's closed bars, each to every bot that trades its symbol (as the runtime's feed handler does).</summary>
    public void Publish(Bar[] minute)
    {
        foreach (var bar in minute)
            foreach (var worker in _workers)
                if (worker.Wants(bar.Symbol)) worker.Post(bar);
    }

    public async Task DrainAsync()
    {
        await Task.WhenAll(_workers.Select(w => w.DrainAsync()));
        if (_failure is not null) throw new InvalidOperationException($"A bot failed: {_failure.Message}", _failure);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var w in _workers) await w.DisposeAsync();
    }

    /// <summary>The backtest benchmark's bot, trading all day on one symbol.</summary>
    private static BotConfig Config(string symbol, bool fractional) => new()
    {
        Name = $"bench {symbol} rsi+macd",
        Symbols = new() { symbol },
        Timeframe = "1m",
        TradingWindow = new TradingWindow { Start = "00:00", End = "23:59" },
        Indicators = new() { "rsi(14)", "macd(12,26,9)" },
        Entry = new SignalRule { Rule = JsonDocument.Parse("\"rsi_14 < 30 and macd > signal\"").RootElement },
        Exit = new SignalRule { Rule = JsonDocument.Parse("\"rsi_14 > 70 or macd crosses_below signal\"").RootElement },
        Risk = new RiskSettings { PositionSizing = PositionSizing.FixedFraction, PositionFraction = 0.5m, StopLoss = 0.01m, FractionalShares = fractional },
    };

    /// <summary>Counts what a bot records, then records it (one bot's calls are never concurrent).</summary>
    private sealed class CountingJournal(ITradingJournal inner) : ITradingJournal
    {
        public int Signals, Orders, Fills;

        public ValueTask SignalAsync(SignalOutcome outcome)
        {
            Signals++;
            return inner.SignalAsync(outcome);
        }

        public ValueTask OrderCreatedAsync(OrderRequest order, decimal decisionPrice)
        {
            Orders++;
            return inner.OrderCreatedAsync(order, decisionPrice);
        }

        public ValueTask OrderChangedAsync(BrokerOrder order) => inner.OrderChangedAsync(order);

        public ValueTask FillAsync(Fill fill, ClosedTrade? closed, BotLedger ledger)
        {
            Fills++;
            return inner.FillAsync(fill, closed, ledger);
        }
    }

    /// <summary>Stopwatch ticks to microseconds.</summary>
    public static double Micros(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
}
