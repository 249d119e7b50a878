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
    // Items are structs: a bar is posted to every bot that trades its symbol, and must not cost an allocation each.
    private readonly Channel<WorkItem> _inbox = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(InboxCapacity) { SingleReader = true });
    private readonly List<Bar> _completed = new(2);
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
    /// <summary>The clock the bot's approvals expire on: the simulated market's, or the live account's real one.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
    /// <summary>The feed whose bars this bot trades on.</summary>
    public IMarketDataFeed? Feed { get; init; }
    /// <summary>Where minutes the feed missed can be fetched (a live account's REST history); null: the feed never misses.</summary>
    public IHistoricalBars? GapFill { get; init; }
    /// <summary>The bot's journal, for changes made from outside the pipeline (a halt set or cleared by the trader).</summary>
    public ITradingJournal? Journal { get; set; }

    /// <summary>The start of the latest minute posted for a symbol (read from any thread: a DateTime read is atomic).</summary>
    public DateTime LastMinute(string symbol) => _lastMinutes.TryGetValue(symbol, out var t) ? new DateTime(Interlocked.Read(ref t.Ticks), DateTimeKind.Utc) : default;
    public BotPipeline Pipeline { get; }

    /// <summary>
    /// Receives, per bar (Stopwatch ticks), the time from its arrival to the end of its decision (queueing included) and
    /// the time the decision itself took (the engine benchmark).
    /// </summary>
    public Action<long, long>? DecisionLatency { get; set; }

    public bool Wants(string symbol) => _aggregators.ContainsKey(symbol);

    /// <summary>Minutes of the bucket in progress when the bot started, so its first live bar is whole.</summary>
    public void Prime(IEnumerable<Bar> minutes)
    {
        foreach (var m in minutes) _aggregators.GetValueOrDefault(m.Symbol)?.Add(m, new List<Bar>());
    }

    public bool Post(Bar bar)
    {
        if (_lastMinutes.TryGetValue(bar.Symbol, out var mark) && bar.StartUtc.Ticks > Interlocked.Read(ref mark.Ticks))
            Interlocked.Exchange(ref mark.Ticks, bar.StartUtc.Ticks);
        return Write(new WorkItem(bar, null, Stopwatch.GetTimestamp()));
    }

    public bool Post(Fill fill) => Write(new WorkItem(null, fill, 0));

    public bool Post(BrokerOrder order) => Write(new WorkItem(null, order, 0));

    /// <summary>Runs an action on the bot's thread, after everything posted before it.</summary>
    public async Task RunAsync(Func<BotPipeline, ValueTask> action)
    {
        var done = new Command(action, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!Write(new WorkItem(null, done, 0))) throw new InvalidOperationException("The bot is not running.");
        await done.Done.Task;
    }

    /// <summary>Waits until everything posted so far has been processed.</summary>
    public Task DrainAsync() => RunAsync(_ => default);

    /// <summary>No more trading: bars still queued are dropped (reports and commands are still handled), nothing new is taken.</summary>
    public void Stop()
    {
        _stopping = true;
        _inbox.Writer.TryComplete();
    }

    private volatile bool _stopping;

    private bool Write(WorkItem item)
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

    private ValueTask HandleAsync(WorkItem item) =>
        item.Bar is { } bar ? (_stopping ? default : OnBarAsync(bar, item.Arrived)) : HandleAsync(item.Other!);

    private async ValueTask OnBarAsync(Bar minute, long arrived)
    {
        long start = Stopwatch.GetTimestamp();
        if (Pipeline.WatchesMinutes && minute.Timeframe == Timeframe.Minute1) await Pipeline.OnMinuteAsync(minute);
        if (_aggregators.TryGetValue(minute.Symbol, out var aggregator))
        {
            _completed.Clear();
            aggregator.Add(minute, _completed);
            for (int i = 0; i < _completed.Count; i++) await Pipeline.OnBarAsync(_completed[i]);
        }
        if (DecisionLatency is { } record)
        {
            long end = Stopwatch.GetTimestamp();
            record(end - arrived, end - start);
        }
    }

    private async ValueTask HandleAsync(object item)
    {
        switch (item)
        {
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
            if (item.Other is Command c) c.Done.TrySetException(ex);
    }

    public async ValueTask DisposeAsync()
    {
        Stop();
        await _loop;
        FailPending(new OperationCanceledException("The bot stopped."));
    }

    private sealed class MinuteMark
    {
        public long Ticks;
    }

    /// <summary>A minute bar (with its arrival time), or a fill, an order report or a command.</summary>
    private readonly record struct WorkItem(Bar? Bar, object? Other, long Arrived);

    private sealed record Command(Func<BotPipeline, ValueTask> Action, TaskCompletionSource Done);
}
