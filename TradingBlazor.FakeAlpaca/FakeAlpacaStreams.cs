using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TradingBlazor.Adapters.Alpaca;
using TradingBlazor.Adapters.Alpaca.Streaming;

namespace TradingBlazor.Fakes;

// The two WebSocket streams, as section 6 of the spec describes them: the market data stream (arrays with T codes, text
// frames, auth then incremental subscriptions, errors 401/402/403/406) and the trading stream (objects in binary frames,
// authenticate then listen, trade_updates without replay). Faults: refuse connections, drop every live socket.
public sealed partial class FakeAlpaca
{
    private readonly ConcurrentDictionary<Guid, StreamPeer> _peers = new();

    /// <summary>While true, stream connections are refused (the network is down for streams).</summary>
    public bool StreamsDown { get; set; }
    public int StreamConnectionsAccepted => _accepted;
    public int TradeUpdatesSent => _tradeUpdatesSent;
    public int ListeningTradingPeers => _peers.Values.Count(p => p.Trading && p.Listening);
    public int SubscribedDataPeers => _peers.Values.Count(p => !p.Trading && p.Bars.Count > 0);
    /// <summary>Symbols per channel of the first data peer, as the server understood the subscription.</summary>
    public string DataSubscription => _peers.Values.FirstOrDefault(p => !p.Trading) is { } peer
        ? $"trades={string.Join(',', peer.Trades.Order())} bars={string.Join(',', peer.Bars.Order())} updatedBars={string.Join(',', peer.UpdatedBars.Order())}"
          + (peer.Quotes.Count > 0 ? $" quotes={string.Join(',', peer.Quotes.Order())}" : "") : "";
    private int _accepted, _tradeUpdatesSent;

    private sealed class StreamPeer(WebSocket socket, bool trading, bool msgPack)
    {
        public WebSocket Socket { get; } = socket;
        public bool Trading { get; } = trading;
        /// <summary>Asked for MessagePack (Content-Type: application/msgpack on the upgrade): data frames go out binary.</summary>
        public bool MsgPack { get; } = msgPack;
        public bool Authenticated { get; set; }
        public bool Listening { get; set; }
        public HashSet<string> Trades { get; } = new();
        public HashSet<string> Quotes { get; } = new();
        public HashSet<string> Bars { get; } = new();
        public HashSet<string> UpdatedBars { get; } = new();
        public Channel<byte[]> Outbox { get; } = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    }

    private void MapStreams(WebApplication app)
    {
        app.Map("/stream", http => Serve(http, trading: true));
        foreach (var feed in new[] { "iex", "sip", "test", "delayed_sip" }) app.Map($"/v2/{feed}", http => Serve(http, trading: false));
    }

    /// <summary>Drops every open stream socket, as a network failure would.</summary>
    public void DropStreams()
    {
        foreach (var peer in _peers.Values) peer.Socket.Abort();
    }

    public void PublishBar(string symbol, DateTime start, decimal open, decimal high, decimal low, decimal close, long volume) =>
        PublishData(symbol, p => p.Bars, string.Create(CultureInfo.InvariantCulture,
            $$"""[{"T":"b","S":"{{symbol}}","o":{{open}},"h":{{high}},"l":{{low}},"c":{{close}},"v":{{volume}},"n":12,"vw":{{close}},"t":"{{start:yyyy-MM-dd'T'HH:mm:ss'Z'}}"}]"""));

    public void PublishTrade(string symbol, decimal price, decimal size, DateTime at) =>
        PublishData(symbol, p => p.Trades, string.Create(CultureInfo.InvariantCulture,
            $$"""[{"T":"t","S":"{{symbol}}","i":96921,"x":"D","p":{{price}},"s":{{size}},"t":"{{at:yyyy-MM-dd'T'HH:mm:ss.fffffff}}12Z","c":["@","I"],"z":"C"}]"""));

    public void PublishQuote(string symbol, decimal bid, decimal ask, DateTime at) =>
        PublishData(symbol, p => p.Quotes, string.Create(CultureInfo.InvariantCulture,
            $$"""[{"T":"q","S":"{{symbol}}","bx":"U","bp":{{bid}},"bs":3,"ax":"Q","ap":{{ask}},"as":4,"t":"{{at:yyyy-MM-dd'T'HH:mm:ss.fffffff}}22Z","c":["R"],"z":"C"}]"""));

    /// <summary>Sends an error frame to every data peer (e.g. 405 symbol limit), leaving the connection up.</summary>
    public void PublishDataError(int code, string message)
    {
        foreach (var peer in _peers.Values.Where(p => !p.Trading)) Send(peer, $$"""[{"T":"error","code":{{code}},"msg":"{{message}}"}]""");
    }

    private string[] DataSymbols() => _peers.Values.Where(p => !p.Trading).SelectMany(p => { lock (p) return p.Bars.Concat(p.Trades).ToArray(); })
        .Where(s => s != "*").Distinct().ToArray();

    private void PublishData(string symbol, Func<StreamPeer, HashSet<string>> channel, string json)
    {
        foreach (var peer in _peers.Values.Where(p => !p.Trading))
        {
            lock (peer) if (!channel(peer).Contains(symbol) && !channel(peer).Contains("*")) continue;
            Send(peer, json);
        }
    }

    // Called with the order lock held, so events leave in the order they happened.
    private void Publish(string kind, AlpacaOrder order) => Publish(new AlpacaTradeUpdate { Event = kind, Order = order });

    private void Publish(AlpacaTradeUpdate update)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new { stream = "trade_updates", data = update }, AlpacaJson.Options);
        foreach (var peer in _peers.Values.Where(p => p.Trading && p.Listening))
        {
            peer.Outbox.Writer.TryWrite(bytes);
            Interlocked.Increment(ref _tradeUpdatesSent);
        }
    }

    private static void Send(StreamPeer peer, string json) => peer.Outbox.Writer.TryWrite(peer.MsgPack ? MsgPack.FromJson(json) : Encoding.UTF8.GetBytes(json));

    private async Task Serve(HttpContext http, bool trading)
    {
        if (!http.WebSockets.IsWebSocketRequest) { http.Response.StatusCode = 400; return; }
        if (StreamsDown) { http.Response.StatusCode = 503; return; }
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        Interlocked.Increment(ref _accepted);
        var peer = new StreamPeer(socket, trading, !trading && http.Request.Headers.ContentType.ToString().Contains("msgpack", StringComparison.OrdinalIgnoreCase));
        var id = Guid.NewGuid();
        _peers[id] = peer;
        // Data frames go out as text (binary MessagePack when asked for), trading frames as binary: as Alpaca does.
        var writer = Task.Run(async () =>
        {
            await foreach (var frame in peer.Outbox.Reader.ReadAllAsync())
                await socket.SendAsync(frame, trading || peer.MsgPack ? WebSocketMessageType.Binary : WebSocketMessageType.Text, true, CancellationToken.None);
        });
        try
        {
            if (!trading) Send(peer, """[{"T":"success","msg":"connected"}]""");
            var buffer = new byte[16 * 1024];
            while (true)
            {
                int length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None); // clients may send text or binary
                    if (result.MessageType == WebSocketMessageType.Close) return;
                    length += result.Count;
                } while (!result.EndOfMessage);
                var message = Parse(peer, buffer.AsSpan(0, length));
                bool keepOpen = trading ? OnTradingMessage(peer, message) : OnDataMessage(peer, message);
                if (!keepOpen)
                {
                    peer.Outbox.Writer.TryComplete();
                    await writer;
                    await socket.CloseAsync(WebSocketCloseStatus.PolicyViolation, "closed", CancellationToken.None);
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or JsonException or IOException)
        {
        }
        finally
        {
            _peers.TryRemove(id, out _);
            peer.Outbox.Writer.TryComplete();
            await writer.ContinueWith(_ => { });
        }
    }

    // MessagePack clients send MessagePack; everyone else JSON (in text or binary frames).
    private static JsonElement Parse(StreamPeer peer, ReadOnlySpan<byte> frame)
    {
        if (peer.MsgPack && frame.Length > 0 && frame[0] != (byte)'{') return MsgPack.ToJson(frame);
        var reader = new Utf8JsonReader(frame);
        using var doc = JsonDocument.ParseValue(ref reader);
        return doc.RootElement.Clone();
    }

    private bool OnTradingMessage(StreamPeer peer, JsonElement message)
    {
        string? action = message.TryGetProperty("action", out var a) ? a.GetString() : null;
        var data = message.TryGetProperty("data", out var d) ? d : default;
        if (action == "authenticate")
        {
            peer.Authenticated = data.GetProperty("key_id").GetString() == KeyId && data.GetProperty("secret_key").GetString() == Secret;
            var reply = peer.Authenticated
                ? """{"stream":"authorization","data":{"status":"authorized","action":"authenticate"}}"""
                : """{"stream":"authorization","data":{"action":"authenticate","message":"access key verification failed","status":"unauthorized"}}""";
            peer.Outbox.Writer.TryWrite(Encoding.UTF8.GetBytes(reply));
            return peer.Authenticated;
        }
        if (action == "listen")
        {
            if (!peer.Authenticated)
            {
                peer.Outbox.Writer.TryWrite("""{"stream":"authorization","data":{"status":"unauthorized","action":"listen"}}"""u8.ToArray());
                return true;
            }
            var streams = data.GetProperty("streams").EnumerateArray().Select(s => s.GetString()!).ToArray();
            lock (_gate) peer.Listening = streams.Contains("trade_updates"); // under the order lock: no event is half-published
            peer.Outbox.Writer.TryWrite(JsonSerializer.SerializeToUtf8Bytes(new { stream = "listening", data = new { streams } }));
            return true;
        }
        peer.Outbox.Writer.TryWrite("""{"action":"error","data":{"error_message":"unrecognized action"}}"""u8.ToArray());
        return true;
    }

    private bool OnDataMessage(StreamPeer peer, JsonElement message)
    {
        string? action = message.TryGetProperty("action", out var a) ? a.GetString() : null;
        switch (action)
        {
            case "auth":
                if (peer.Authenticated) { Send(peer, """[{"T":"error","code":403,"msg":"already authenticated"}]"""); return true; }
                if (message.GetProperty("key").GetString() != KeyId || message.GetProperty("secret").GetString() != Secret)
                {
                    Send(peer, """[{"T":"error","code":402,"msg":"auth failed"}]""");
                    return false;
                }
                if (_peers.Values.Any(p => !p.Trading && p.Authenticated))
                {
                    Send(peer, """[{"T":"error","code":406,"msg":"connection limit exceeded"}]""");
                    return false;
                }
                peer.Authenticated = true;
                Send(peer, """[{"T":"success","msg":"authenticated"}]""");
                return true;
            case "subscribe" or "unsubscribe":
                if (!peer.Authenticated) { Send(peer, """[{"T":"error","code":401,"msg":"not authenticated"}]"""); return true; }
                lock (peer)
                {
                    foreach (var (name, set) in new[] { ("trades", peer.Trades), ("quotes", peer.Quotes), ("bars", peer.Bars), ("updatedBars", peer.UpdatedBars) })
                    {
                        if (!message.TryGetProperty(name, out var list)) continue;
                        foreach (var symbol in list.EnumerateArray().Select(s => s.GetString()!))
                            if (action == "subscribe") set.Add(symbol); else set.Remove(symbol);
                    }
                    Send(peer, JsonSerializer.Serialize(new[] { new Dictionary<string, object>
                    {
                        ["T"] = "subscription", ["trades"] = peer.Trades.Order().ToArray(), ["quotes"] = peer.Quotes.Order().ToArray(), ["bars"] = peer.Bars.Order().ToArray(),
                        ["updatedBars"] = peer.UpdatedBars.Order().ToArray(), ["dailyBars"] = Array.Empty<string>(), ["statuses"] = Array.Empty<string>(), ["lulds"] = Array.Empty<string>(),
                        ["corrections"] = peer.Trades.Order().ToArray(), ["cancelErrors"] = peer.Trades.Order().ToArray(),
                    } }));
                }
                return true;
            default:
                Send(peer, """[{"T":"error","code":400,"msg":"invalid syntax"}]""");
                return true;
        }
    }
}
