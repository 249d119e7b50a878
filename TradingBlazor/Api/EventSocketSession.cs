using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using TradingBlazor.Engine.Events;

namespace TradingBlazor.Api;

/// <summary>
/// One <c>/ws</c> connection. The bus handler only queues (a bounded channel, never blocking the publisher); one
/// sender writes the socket in order. A queue that fills up closes the connection: the client reconnects with
/// <c>?since=</c> and catches up from the bus's buffer, which holds far more than one queue.
/// </summary>
internal sealed class EventSocketSession(WebSocket socket, TradingEventBus bus, long? since)
{
    public const int QueueCapacity = 1000;
    private const int MaxClientMessageBytes = 4096;
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private abstract record Outgoing;
    private sealed record Live(TradingEvent Event) : Outgoing;
    private sealed record CatchUp(long Since) : Outgoing;
    private sealed record Reply(Control Message) : Outgoing;

    private sealed record Control(string Kind, long Seq, string? Reason = null);
    private sealed record Envelope(long Seq, DateTime Time, TradingEventKind Kind, long? BotId, object Data);
    private sealed record ClientMessage(long? Since);

    // Wait mode: TryWrite answers false when full instead of blocking or silently dropping.
    private readonly Channel<Outgoing> _queue = Channel.CreateBounded<Outgoing>(new BoundedChannelOptions(QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });
    private readonly object _gate = new();
    private (WebSocketCloseStatus Status, string Reason)? _close;
    private long _lastSent;

    public async Task RunAsync(CancellationToken stopping, CancellationToken aborted)
    {
        // Queued before subscribing, so the catch-up is the first thing sent after the hello.
        if (since is { } s) _queue.Writer.TryWrite(new CatchUp(s));
        bus.Published += OnPublished;
        using var onStop = stopping.Register(() => Stop(WebSocketCloseStatus.EndpointUnavailable, "The server is stopping."));
        try
        {
            var receiving = ReceiveAsync(aborted);
            await SendAsync(aborted);
            // Wait for the client's close (or its disconnect); disposing the socket ends a client that never answers.
            await ((Task)Task.WhenAny(receiving, Task.Delay(CloseTimeout, aborted))).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        finally
        {
            bus.Published -= OnPublished;
        }
    }

    private void OnPublished(TradingEvent e)
    {
        if (!_queue.Writer.TryWrite(new Live(e)))
            Stop(WebSocketCloseStatus.PolicyViolation, $"Too slow: more than {QueueCapacity} events queued; reconnect with ?since={Interlocked.Read(ref _lastSent)}.");
    }

    /// <summary>Ends the session with this close status; the first reason wins.</summary>
    private void Stop(WebSocketCloseStatus status, string reason)
    {
        lock (_gate) _close ??= (status, reason);
        _queue.Writer.TryComplete();
    }

    private bool Closing
    {
        get { lock (_gate) return _close is not null; }
    }

    private async Task SendAsync(CancellationToken ct)
    {
        try
        {
            await SendAsync(new Control("hello", bus.LastSequence), ct);
            long floor = 0; // events up to here went out in a catch-up
            await foreach (var item in _queue.Reader.ReadAllAsync(ct))
            {
                if (Closing) break;
                switch (item)
                {
                    case Live { Event: var e } when e.Sequence > floor:
                        await SendEventAsync(e, ct);
                        break;
                    case CatchUp { Since: var from }:
                        floor = Math.Max(floor, await CatchUpAsync(from, ct));
                        break;
                    case Reply { Message: var message }:
                        await SendAsync(message, ct);
                        break;
                }
            }
            WebSocketCloseStatus status;
            string reason;
            lock (_gate) (status, reason) = _close ?? (WebSocketCloseStatus.NormalClosure, "");
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(CloseTimeout);
                await socket.CloseOutputAsync(status, reason, timeout.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The client went away or stopped reading; nothing left to tell it.
        }
    }

    /// <summary>Sends the buffered events after <paramref name="from"/>, or a resync when they are gone; returns the last sequence covered.</summary>
    private async Task<long> CatchUpAsync(long from, CancellationToken ct)
    {
        long latest = bus.LastSequence;
        if (from > latest)
        {
            // A sequence from an earlier run of the app (numbering restarts at 1).
            await SendAsync(new Control("resync", latest, "The sequence is from an earlier run of the server."), ct);
            return 0;
        }
        var (events, complete) = bus.Since(from);
        if (!complete)
        {
            var covered = events.Count > 0 ? events[^1].Sequence : latest;
            await SendAsync(new Control("resync", covered, $"Events after {from} are no longer buffered; reload over REST."), ct);
            return covered;
        }
        foreach (var e in events) await SendEventAsync(e, ct);
        return events.Count > 0 ? events[^1].Sequence : from;
    }

    private async Task SendEventAsync(TradingEvent e, CancellationToken ct)
    {
        await SendAsync(new Envelope(e.Sequence, e.TimeUtc, e.Kind, e.BotId, e.Data), ct);
        Interlocked.Exchange(ref _lastSent, e.Sequence);
    }

    private async Task SendAsync(object message, CancellationToken ct)
    {
        // A client that stops reading blocks the send once TCP's buffers fill; the timeout aborts it.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(SendTimeout);
        await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message, message.GetType(), EventSocket.Json), WebSocketMessageType.Text, true, timeout.Token);
    }

    private async Task ReceiveAsync(CancellationToken ct)
    {
        var buffer = new byte[MaxClientMessageBytes];
        try
        {
            while (true)
            {
                int count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (count == buffer.Length)
                    {
                        Stop(WebSocketCloseStatus.MessageTooBig, $"Client messages may be at most {MaxClientMessageBytes} bytes.");
                        return;
                    }
                    result = await socket.ReceiveAsync(buffer.AsMemory(count), ct);
                    count += result.Count;
                } while (!result.EndOfMessage);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    Stop(WebSocketCloseStatus.NormalClosure, "");
                    return;
                }
                Outgoing answer = Parse(buffer.AsSpan(0, count)) is { Since: { } from }
                    ? new CatchUp(from)
                    : new Reply(new Control("error", bus.LastSequence, """Expected {"since": n}."""));
                if (!_queue.Writer.TryWrite(answer)) Stop(WebSocketCloseStatus.PolicyViolation, "Too slow: the queue is full.");
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            _queue.Writer.TryComplete();
        }
    }

    private static ClientMessage? Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return JsonSerializer.Deserialize<ClientMessage>(utf8, EventSocket.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
