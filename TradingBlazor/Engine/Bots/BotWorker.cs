using System.Diagnostics;
using System.Threading.Channels;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.Execution;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Engine.Trading;

namespace TradingBlazor.Engine.Bots;

/// <summary>
/// One running bot: its pipeline and an inbox that serialises everything that touches it (closed bars, broker
/// reports, commands), so the pipeline never runs on two threads. Minute bars are aggregated to the bot's timeframe.
/// </summary>
public sealed class BotWorker : IAsyncDisposable
{
    /// <summary>Enough for hours of bars of every symbol at the simulated market's top speed; beyond it the bot errors.</summary>
    private const int InboxCapacity = 200_000;
    private readonly Channel<object> _inbox = Channel.CreateBounded<object>(new BoundedChannelOptions(InboxCapacity) { SingleReader = true });
    private readonly Dictionary<string, StreamingBarAggregator> _aggregators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MinuteMark> _lastMinutes = new(StringComparer.Ordinal);
    private readonly Action<BotWorker, Exception> _failed;
    private readonly Task _loop;

    public BotWorker(long botId, BotPipeline pipeline, IMarketCalendar calendar, Action<BotWorker, Exception> failed)
    {
        BotId = botId;
        Pipeline = pipeline;
        _failed = failed;
        foreach (var s in pipeline.Symbols)
        {
            _aggregators[s] = new StreamingBarAggregator(pipeline.Bot.Timeframe, calendar);
            _lastMinutes[s] = new MinuteMark();
        }
        _loop = Task.Run(RunAsync);
    }

    public long BotId { get; }
    /// <summary>The feed whose bars this bot trades on.</summary>
    public IMarketDataFeed? Feed { get; init; }
    /// <summary>Where minutes the feed missed can be fetched (a live account's REST history); null: the feed never misses.</summary>
    public IHistoricalBars? GapFill { get; init; }

    /// <summary>The start of the latest minute posted for a symbol (read from any thread: a DateTime read is atomic).</summary>
    public DateTime LastMinute(string symbol) => _lastMinutes.TryGetValue(symbol, out var t) ? new DateTime(Interlocked.Read(ref t.Ticks), DateTimeKind.Utc) : default;
    public BotPipeline Pipeline { get; }

    /// <summary>Receives the time (Stopwatch ticks) from a bar's arrival to the end of its decision (the engine benchmark).</summary>
    public Action<long>? DecisionLatency { get; set; }

    public bool Wants(string symbol) => _aggregators.ContainsKey(symbol);

    /// <summary>Minutes of the bucket in progress when the bot started, so its first live bar is whole.</summary>
    public void Prime(IEnumerable<Bar> minutes)
    {
        foreach (var m in minutes) _aggregators.GetValueOrDefault(m.Symbol)?.Add(m);
    }

    public bool Post(Bar bar)
    {
        if (_lastMinutes.TryGetValue(bar.Symbol, out var mark) && bar.StartUtc.Ticks > Interlocked.Read(ref mark.Ticks))
            Interlocked.Exchange(ref mark.Ticks, bar.StartUtc.Ticks);
        return Write(new BarItem(bar, Stopwatch.GetTimestamp()));
    }

    public bool Post(Fill fill) => Write(fill);

    public bool Post(BrokerOrder order) => Write(order);

    /// <summary>Runs an action on the bot's thread, after everything posted before it.</summary>
    public async Task RunAsync(Func<BotPipeline, ValueTask> action)
    {
        var done = new Command(action, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!Write(done)) throw new InvalidOperationException("The bot is not running.");
        await done.Done.Task;
    }

    /// <summary>Waits until everything posted so far has been processed.</summary>
    public Task DrainAsync() => RunAsync(_ => default);

    private bool Write(object item)
    {
        if (_inbox.Writer.TryWrite(item)) return true;
        if (!_loop.IsCompleted) _failed(this, new InvalidOperationException($"The bot fell {InboxCapacity:N0} events behind the market."));
        return false;
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (var item in _inbox.Reader.ReadAllAsync())
                await HandleAsync(item);
        }
        catch (Exception ex)
        {
            _inbox.Writer.TryComplete();
            FailPending(ex);
            _failed(this, ex);
        }
    }

    private async ValueTask HandleAsync(object item)
    {
        switch (item)
        {
            case BarItem b:
                if (_aggregators.TryGetValue(b.Bar.Symbol, out var aggregator))
                    foreach (var bar in aggregator.Add(b.Bar)) await Pipeline.OnBarAsync(bar);
                DecisionLatency?.Invoke(Stopwatch.GetTimestamp() - b.Arrived);
                break;
            case Fill fill:
                Pipeline.OnFill(fill);
                await Pipeline.Orders.FlushAsync();
                break;
            case BrokerOrder order:
                Pipeline.Orders.OnOrderChanged(order);
                await Pipeline.Orders.FlushAsync();
                break;
            case Command c:
                try
                {
                    await c.Action(Pipeline);
                    c.Done.TrySetResult();
                }
                catch (Exception ex)
                {
                    c.Done.TrySetException(ex);
                }
                break;
        }
    }

    private void FailPending(Exception ex)
    {
        while (_inbox.Reader.TryRead(out var item))
            if (item is Command c) c.Done.TrySetException(ex);
    }

    public async ValueTask DisposeAsync()
    {
        _inbox.Writer.TryComplete();
        await _loop;
        FailPending(new OperationCanceledException("The bot stopped."));
    }

    private sealed class MinuteMark
    {
        public long Ticks;
    }

    private sealed record BarItem(Bar Bar, long Arrived);

    private sealed record Command(Func<BotPipeline, ValueTask> Action, TaskCompletionSource Done);
}
