using System.Threading.Channels;
using Microsoft.Extensions.Options;
using TradingBlazor.Adapters.Alpaca.Streaming;
using TradingBlazor.Domain.Time;
using TradingBlazor.Engine.Events;
using TradingBlazor.Infrastructure.Configuration;

namespace TradingBlazor.Engine.Alerts;

/// <summary>Where the alert center looks beyond the event bus: the broker's streams and bot names (both optional).</summary>
public sealed record AlertSources(Func<IReadOnlyList<StreamStatus>>? Streams = null, Func<long, CancellationToken, Task<string?>>? BotName = null);

/// <summary>
/// Turns engine events and broker stream drops into alerts. The bus handler only enqueues (never blocks the publisher);
/// a background loop maps, names and keeps the last <see cref="AlertSettings.History"/> alerts, then raises
/// <see cref="Raised"/>. A repeated refusal of the same bot and symbol for the same reason alerts once.
/// </summary>
public sealed class AlertCenter : BackgroundService
{
    private readonly Channel<TradingEvent> _events = Channel.CreateBounded<TradingEvent>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly Queue<Alert> _history = new();
    private readonly object _gate = new();
    private readonly Dictionary<long, string> _names = new();
    private readonly Dictionary<(long?, string), string> _lastRefusal = new();
    private readonly StreamWatch _streams = new();
    private readonly TradingEventBus _bus;
    private readonly TimeProvider _clock;
    private readonly AlertSettings _settings;
    private readonly AlertSources _sources;
    private readonly ILogger<AlertCenter> _log;
    private long _lastId;
    private long _readThrough;

    public AlertCenter(TradingEventBus bus, TimeProvider clock, IOptions<AlertSettings> settings, ILogger<AlertCenter> log, AlertSources? sources = null)
    {
        (_bus, _clock, _settings, _log, _sources) = (bus, clock, settings.Value, log, sources ?? new AlertSources());
        _bus.Published += OnPublished;
    }

    /// <summary>A new alert (on the center's loop, not the publisher's thread). Handlers must be quick.</summary>
    public event Action<Alert>? Raised;

    /// <summary>The unread count changed without a new alert (marked read).</summary>
    public event Action? ReadChanged;

    public int Unread
    {
        get { lock (_gate) return _history.Count(a => a.Id > _readThrough); }
    }

    /// <summary>The newest <paramref name="n"/> alerts, newest first.</summary>
    public IReadOnlyList<Alert> Recent(int n)
    {
        lock (_gate) return _history.Reverse().Take(Math.Max(0, n)).ToList();
    }

    public void MarkAllRead()
    {
        lock (_gate) _readThrough = _lastId;
        Notify(ReadChanged);
    }

    private void OnPublished(TradingEvent e)
    {
        if (e.Kind is not (TradingEventKind.PositionChanged or TradingEventKind.OrderSubmitted or TradingEventKind.ApprovalResolved))
            _events.Writer.TryWrite(e);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = _sources.Streams is null ? Task.CompletedTask : PollStreamsAsync(stoppingToken);
        try
        {
            await foreach (var e in _events.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await HandleAsync(e, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _log.LogWarning(ex, "Could not turn event {Sequence} ({Kind}) into an alert", e.Sequence, e.Kind);
                }
            }
        }
        finally
        {
            await poll;
        }
    }

    /// <summary>One event, on the loop (tests call it directly).</summary>
    internal async Task HandleAsync(TradingEvent e, CancellationToken ct = default)
    {
        if (e is { Data: BotStatusUpdate s, BotId: { } id }) _names[id] = s.Name;
        if (IsRepeat(e) || AlertRules.From(e) is not { } draft) return;
        string? name = e.BotId is { } bot ? await NameOfAsync(bot, ct) : null;
        Add(draft, e.TimeUtc, e.BotId, name, e.Sequence);
    }

    /// <summary>Compares the broker's streams with the last look (the poll loop calls it; so do tests).</summary>
    public void CheckStreams()
    {
        if (_sources.Streams is not { } streams) return;
        IReadOnlyList<AlertDraft> drafts;
        lock (_streams) drafts = _streams.Observe(streams());
        foreach (var d in drafts) Add(d, _clock.UtcNow(), null, null, null);
    }

    private bool IsRepeat(TradingEvent e)
    {
        if (e.Data is not SignalRaised s) return false;
        var key = (e.BotId, s.Symbol);
        if (s.Rejection is not { } why)
        {
            _lastRefusal.Remove(key);
            return false;
        }
        if (_lastRefusal.TryGetValue(key, out var last) && last == why) return true;
        _lastRefusal[key] = why;
        return false;
    }

    private async Task<string?> NameOfAsync(long id, CancellationToken ct)
    {
        if (_names.TryGetValue(id, out var name)) return name;
        if (_sources.BotName is null) return null;
        try
        {
            name = await _sources.BotName(id, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _log.LogDebug(ex, "No name for bot {BotId}", id);
        }
        if (name is not null) _names[id] = name;
        return name;
    }

    private void Add(AlertDraft d, DateTime timeUtc, long? botId, string? botName, long? sequence)
    {
        Alert alert;
        lock (_gate)
        {
            alert = new Alert(++_lastId, timeUtc, d.Severity, d.Kind, botId, botName, d.Title, d.Message, sequence);
            _history.Enqueue(alert);
            while (_history.Count > _settings.History) _history.Dequeue();
        }
        foreach (var handler in Raised?.GetInvocationList().Cast<Action<Alert>>() ?? [])
        {
            try
            {
                handler(alert);
            }
            catch (Exception ex)
            {
                _log.LogWarning(ex, "An alert subscriber failed on alert {AlertId}", alert.Id);
            }
        }
    }

    private void Notify(Action? handlers)
    {
        foreach (var handler in handlers?.GetInvocationList().Cast<Action>() ?? [])
        {
            try
            {
                handler();
            }
            catch (Exception ex)
            {
                _log.LogWarning(ex, "An alert subscriber failed");
            }
        }
    }

    private async Task PollStreamsAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_settings.StreamPollSeconds), _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    CheckStreams();
                }
                catch (Exception ex)
                {
                    _log.LogWarning(ex, "Could not check the broker streams");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public override void Dispose()
    {
        _bus.Published -= OnPublished;
        base.Dispose();
    }
}
