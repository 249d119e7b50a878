namespace TradingBlazor.Engine.Events;

/// <summary>
/// The in-process event stream. Publishing never blocks on a subscriber: handlers run inline and must be quick
/// (Razor components marshal to their renderer with InvokeAsync); a throwing handler is isolated and logged.
/// The last <see cref="Capacity"/> events are kept so a reconnecting client can catch up by sequence number.
/// </summary>
public sealed class TradingEventBus
{
    public const int Capacity = 10_000;
    private readonly TradingEvent?[] _ring = new TradingEvent?[Capacity];
    private readonly object _gate = new();
    private readonly object _dispatch = new();
    private readonly TimeProvider _clock;
    private readonly ILogger<TradingEventBus> _log;
    private long _sequence;

    public TradingEventBus(TimeProvider clock, ILogger<TradingEventBus> log)
    {
        _clock = clock;
        _log = log;
    }

    public event Action<TradingEvent>? Published;

    public long LastSequence => Interlocked.Read(ref _sequence);

    public TradingEvent Publish(TradingEventKind kind, long? botId, object data)
    {
        TradingEvent e;
        // Subscribers see events in sequence order (a /ws client resuming after n must have had everything up to n).
        lock (_dispatch)
        {
            lock (_gate)
            {
                e = new TradingEvent(++_sequence, _clock.GetUtcNow().UtcDateTime, kind, botId, data);
                _ring[e.Sequence % Capacity] = e;
            }
            Dispatch(e);
        }
        return e;
    }

    private void Dispatch(TradingEvent e)
    {
        var handlers = Published;
        if (handlers is null) return;
        foreach (var handler in handlers.GetInvocationList().Cast<Action<TradingEvent>>())
        {
            try
            {
                handler(e);
            }
            catch (Exception ex)
            {
                _log.LogWarning(ex, "A subscriber failed on event {Sequence} ({Kind})", e.Sequence, e.Kind);
            }
        }
    }

    /// <summary>
    /// Events after <paramref name="sequence"/>, oldest first. <c>Complete</c> is false when some were already
    /// dropped from the buffer (the client should reload its state over REST).
    /// </summary>
    public (IReadOnlyList<TradingEvent> Events, bool Complete) Since(long sequence)
    {
        lock (_gate)
        {
            long first = Math.Max(sequence + 1, Math.Max(1, _sequence - Capacity + 1));
            var list = new List<TradingEvent>((int)Math.Max(0, _sequence - first + 1));
            for (long s = first; s <= _sequence; s++) list.Add(_ring[s % Capacity]!);
            return (list, sequence >= _sequence - Capacity || sequence >= _sequence);
        }
    }
}
