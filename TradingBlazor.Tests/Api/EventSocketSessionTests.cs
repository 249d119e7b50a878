using System.Diagnostics;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging.Abstractions;
using TradingBlazor.Api;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Events;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Api;

public sealed class EventSocketSessionTests
{
    private readonly TradingEventBus _bus = new(TimeProvider.System, NullLogger<TradingEventBus>.Instance);

    private void Publish() => _bus.Publish(TradingEventKind.PositionChanged, 1, new PositionUpdate("SPY", 1m, 500m, 501m));

    [Fact]
    public async Task A_client_that_stops_reading_is_closed_without_ever_blocking_the_publisher()
    {
        var socket = new ScriptedWebSocket { Stalled = true };
        var run = new EventSocketSession(socket, _bus, null).RunAsync(CancellationToken.None, CancellationToken.None);
        await Eventually.HoldsAsync(() => socket.Sends == 1, "the hello is being sent");

        // The socket is stalled until released below: had publishing waited for it, this loop would never end.
        for (int i = 0; i < EventSocketSession.QueueCapacity + 50; i++) Publish();
        Assert.Equal(1, socket.Sends); // still only the hello in flight: every publish returned while the socket was stuck

        socket.Release();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, socket.ClosedWith);
        Assert.Contains("?since=", socket.ClosedReason);
        Assert.Equal(1, socket.Sends); // the queued events went with the connection
        Publish(); // unsubscribed: nothing more is queued or sent
        Assert.Equal(1, socket.Sends);
    }

    [Fact]
    public async Task Stopping_the_server_closes_as_going_away()
    {
        var socket = new ScriptedWebSocket();
        using var stopping = new CancellationTokenSource();
        var run = new EventSocketSession(socket, _bus, null).RunAsync(stopping.Token, CancellationToken.None);
        Publish();
        await Eventually.HoldsAsync(() => socket.Sends == 2, "the hello and the event are sent");

        stopping.Cancel();

        await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, socket.ClosedWith);
    }

    /// <summary>A socket whose sends can hang (a client that stopped reading) and that answers a close with a close.</summary>
    private sealed class ScriptedWebSocket : WebSocket
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private WebSocketState _state = WebSocketState.Open;
        private int _sends;

        public bool Stalled { get; init; }
        public int Sends => Volatile.Read(ref _sends);
        public WebSocketCloseStatus? ClosedWith { get; private set; }
        public string? ClosedReason { get; private set; }

        public void Release() => _released.TrySetResult();

        public override WebSocketCloseStatus? CloseStatus => ClosedWith;
        public override string? CloseStatusDescription => ClosedReason;
        public override WebSocketState State => _state;
        public override string? SubProtocol => null;

        public override async Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken ct)
        {
            Interlocked.Increment(ref _sends);
            if (Stalled) await _released.Task.WaitAsync(ct);
        }

        public override async Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken ct)
        {
            await _closed.Task.WaitAsync(ct);
            _state = WebSocketState.Closed;
            return new WebSocketReceiveResult(0, WebSocketMessageType.Close, true, WebSocketCloseStatus.NormalClosure, "");
        }

        public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken ct)
        {
            (ClosedWith, ClosedReason, _state) = (closeStatus, statusDescription, WebSocketState.CloseSent);
            _closed.TrySetResult();
            return Task.CompletedTask;
        }

        public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken ct) =>
            CloseOutputAsync(closeStatus, statusDescription, ct);

        public override void Abort() => _state = WebSocketState.Aborted;

        public override void Dispose() { }
    }
}
