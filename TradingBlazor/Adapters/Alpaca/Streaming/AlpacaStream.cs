using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using TradingBlazor.Domain.Time;

namespace TradingBlazor.Adapters.Alpaca.Streaming;

/// <summary>
/// One Alpaca WebSocket stream kept alive: connect, handshake (auth and subscriptions, by the subclass), receive, and on
/// any loss reconnect with jittered exponential backoff, then tell the subclass so it can catch up over REST (Alpaca never
/// replays what was missed). Dead connections are found by WebSocket ping/pong and by a watchdog for streams that went
/// silent when they should not. Errors that a reconnect cannot fix (bad keys) stop the stream in <see cref="StreamState.Failed"/>.
/// Text and binary frames are both read as UTF-8 JSON (the data stream sends text, the trading stream binary).
/// </summary>
public abstract class AlpacaStream : IAsyncDisposable
{
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly object _gate = new();
    private readonly ILogger _log;
    private CancellationTokenSource? _stop;
    private Task? _loop;
    private ClientWebSocket? _socket;
    private StreamStatus _status;

    protected AlpacaStream(string name, TimeProvider clock, ILogger log, StreamOptions? options)
    {
        Clock = clock;
        _log = log;
        Options = options ?? new StreamOptions();
        _status = new StreamStatus(name, StreamState.Stopped, null, null, 0, null, null);
    }

    protected TimeProvider Clock { get; }
    public StreamOptions Options { get; }
    public StreamStatus Status { get { lock (_gate) return _status; } }
    /// <summary>Error messages the server sent while the connection stayed up, newest last.</summary>
    public BoundedLog StreamErrors { get; } = new(20);

    protected abstract Uri Url { get; }

    /// <summary>Authenticates and (re)subscribes on a fresh socket; throws <see cref="AlpacaStreamException"/> on a refusal.</summary>
    protected abstract Task HandshakeAsync(CancellationToken ct);

    protected abstract void OnMessage(ReadOnlySpan<byte> json);

    /// <summary>After every successful handshake. <paramref name="gapStartUtc"/> is when the previous connection was lost (null the first time).</summary>
    protected virtual Task OnConnectedAsync(DateTime? gapStartUtc, CancellationToken ct) => Task.CompletedTask;

    /// <summary>True when the stream should have said something by now; the watchdog then drops and reconnects it.</summary>
    protected virtual bool IsStale(DateTime lastMessageUtc, DateTime nowUtc) => false;

    public bool IsConnected => Status.State == StreamState.Connected;

    public void Start()
    {
        lock (_gate)
        {
            if (_loop is { IsCompleted: false }) return;
            _stop = new CancellationTokenSource();
            var token = _stop.Token;
            _loop = Task.Run(() => RunAsync(token));
        }
    }

    public async Task StopAsync()
    {
        Task? loop;
        lock (_gate)
        {
            _stop?.Cancel();
            _socket?.Abort();
            loop = _loop;
        }
        if (loop is not null) await loop;
    }

    /// <summary>Drops the current connection as a network failure would (the stream then reconnects).</summary>
    public void Drop()
    {
        lock (_gate) _socket?.Abort();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        int failures = 0;
        DateTime? gapStart = null; // when the last connection that had caught up was lost
        Stopwatch? outage = null;
        while (!ct.IsCancellationRequested)
        {
            using var socket = new ClientWebSocket();
            socket.Options.KeepAliveInterval = Options.KeepAliveInterval;
            socket.Options.KeepAliveTimeout = Options.KeepAliveTimeout;
            bool caughtUp = false;
            try
            {
                Update(s => s with { State = gapStart is null && failures == 0 ? StreamState.Connecting : StreamState.Reconnecting });
                using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
                {
                    timeout.CancelAfter(Options.HandshakeTimeout);
                    await socket.ConnectAsync(Url, timeout.Token);
                    lock (_gate) _socket = socket;
                    await HandshakeAsync(timeout.Token);
                }
                // Catch up before reading new messages; if that fails the gap is still open and the next connection retries it.
                await OnConnectedAsync(gapStart, ct);
                caughtUp = true;
                failures = 0;
                var now = Clock.UtcNow();
                bool reconnect = gapStart is not null;
                Update(s => s with
                {
                    State = StreamState.Connected, ConnectedSinceUtc = now, LastMessageUtc = now, LastError = null,
                    Reconnects = s.Reconnects + (reconnect ? 1 : 0), LastReconnectTime = reconnect ? outage!.Elapsed : s.LastReconnectTime,
                });
                if (reconnect) _log.LogInformation("{Stream} reconnected and caught up after {Outage} ms", Status.Name, outage!.ElapsedMilliseconds);
                await ReceiveUntilClosedAsync(socket, ct);
                Update(s => s with { LastError = "closed by the server" });
            }
            catch (AlpacaStreamException ex) when (!ex.Retryable)
            {
                _log.LogError("{Stream} stopped: {Error}", Status.Name, ex.Message);
                Update(s => s with { State = StreamState.Failed, LastError = ex.Message });
                lock (_gate) _socket = null;
                return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                string reason = ex is OperationCanceledException ? "no answer in time" : ex.Message;
                _log.LogWarning("{Stream} connection lost: {Reason}", Status.Name, reason);
                Update(s => s with { LastError = reason });
            }
            finally
            {
                lock (_gate) _socket = null;
            }
            if (caughtUp)
            {
                // Anything after the last message may have been missed (a silent stream was dead before we noticed).
                gapStart = Status.LastMessageUtc ?? Clock.UtcNow();
                outage = Stopwatch.StartNew();
            }
            failures++;
            Update(s => s with { State = StreamState.Reconnecting });
            try { await Task.Delay(Options.Backoff(failures), ct); }
            catch (OperationCanceledException) { break; }
        }
        Update(s => s with { State = StreamState.Stopped });
    }

    private async Task ReceiveUntilClosedAsync(ClientWebSocket socket, CancellationToken ct)
    {
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var watching = WatchAsync(socket, watchdog.Token);
        try
        {
            var buffer = new ArrayBufferWriter<byte>(4096);
            while (true)
            {
                buffer.ResetWrittenCount();
                if (!await ReceiveMessageAsync(socket, buffer, ct)) return;
                Update(s => s with { LastMessageUtc = Clock.UtcNow() }); // readers (Settings page, /health) poll the status
                try { OnMessage(buffer.WrittenSpan); }
                catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
                {
                    // One malformed message must not take the stream down.
                    _log.LogWarning("{Stream} ignored a message it could not read: {Error}", Status.Name, ex.Message);
                }
            }
        }
        finally
        {
            watchdog.Cancel();
            await watching;
        }
    }

    private async Task WatchAsync(ClientWebSocket socket, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(Options.WatchdogInterval, ct);
                if (Status.LastMessageUtc is { } last && IsStale(last, Clock.UtcNow()))
                {
                    _log.LogWarning("{Stream} went silent since {Last:O}; reconnecting", Status.Name, last);
                    socket.Abort();
                    return;
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Reads one whole message (it may span frames). False when the server closed the connection.</summary>
    private static async Task<bool> ReceiveMessageAsync(ClientWebSocket socket, ArrayBufferWriter<byte> into, CancellationToken ct)
    {
        while (true)
        {
            var result = await socket.ReceiveAsync(into.GetMemory(4096), ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (socket.State == WebSocketState.CloseReceived)
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).ConfigureAwait(false);
                return false;
            }
            into.Advance(result.Count);
            if (result.EndOfMessage) return true;
        }
    }

    /// <summary>Sends one JSON message on the current connection (as a text frame; Alpaca reads text and binary).</summary>
    protected async Task SendAsync(object message, CancellationToken ct)
    {
        var socket = CurrentSocket() ?? throw new WebSocketException("not connected");
        var bytes = JsonSerializer.SerializeToUtf8Bytes(message, message.GetType(), AlpacaJson.Options);
        await _sendLock.WaitAsync(ct);
        try { await socket.SendAsync(bytes, WebSocketMessageType.Text, true, ct); }
        finally { _sendLock.Release(); }
    }

    /// <summary>During the handshake: the next message, parsed. Throws when the server closes instead.</summary>
    protected async Task<JsonElement> ReceiveHandshakeAsync(CancellationToken ct)
    {
        var socket = CurrentSocket() ?? throw new WebSocketException("not connected");
        var buffer = new ArrayBufferWriter<byte>(1024);
        if (!await ReceiveMessageAsync(socket, buffer, ct))
            throw new WebSocketException($"the server closed the connection during the handshake ({socket.CloseStatusDescription ?? socket.CloseStatus?.ToString() ?? "no reason"})");
        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        return doc.RootElement.Clone();
    }

    protected ClientWebSocket? CurrentSocket()
    {
        lock (_gate) return _socket;
    }

    private void Update(Func<StreamStatus, StreamStatus> change)
    {
        lock (_gate) _status = change(_status);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop?.Dispose();
        _sendLock.Dispose();
        GC.SuppressFinalize(this);
    }
}
