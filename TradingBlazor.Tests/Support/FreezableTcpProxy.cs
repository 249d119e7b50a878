using System.Net;
using System.Net.Sockets;

namespace TradingBlazor.Tests.Support;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of a server. <see cref="FreezeOpenConnections"/> makes every open connection a
/// black hole (bytes are swallowed, nothing is closed): the half-open connection that only a heartbeat can detect.
/// New connections are relayed normally.
/// </summary>
public sealed class FreezableTcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Relay> _relays = new();
    private readonly Task _accepting;

    public FreezableTcpProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void FreezeOpenConnections()
    {
        lock (_relays) foreach (var r in _relays) r.Frozen = true;
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var server = new TcpClient();
                await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
                var relay = new Relay(client, server);
                lock (_relays) _relays.Add(relay);
                _ = relay.PumpAsync(client.GetStream(), server.GetStream(), _stop.Token);
                _ = relay.PumpAsync(server.GetStream(), client.GetStream(), _stop.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException) { }
    }

    private sealed class Relay(TcpClient client, TcpClient server)
    {
        public volatile bool Frozen;

        public async Task PumpAsync(NetworkStream from, NetworkStream to, CancellationToken ct)
        {
            var buffer = new byte[8192];
            try
            {
                int n;
                while ((n = await from.ReadAsync(buffer, ct)) > 0)
                {
                    if (!Frozen) await to.WriteAsync(buffer.AsMemory(0, n), ct);
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException) { }
            finally
            {
                if (!Frozen) { client.Close(); server.Close(); }
            }
        }

        public void Close()
        {
            client.Close();
            server.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
        lock (_relays) foreach (var r in _relays) r.Close();
        _stop.Dispose();
    }
}
