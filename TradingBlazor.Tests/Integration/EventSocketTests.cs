using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Events;
using TradingBlazor.Tests.Support.Engine;

namespace TradingBlazor.Tests.Integration;

public sealed class EventSocketTests(EngineApp engine) : IClassFixture<EngineApp>
{
    private static readonly DateTime At = new(2025, 3, 12, 14, 30, 0, DateTimeKind.Utc);

    private TradingEventBus Bus => engine.Bus;

    private TradingEvent PublishFill(long botId = 3, string symbol = "SPY") => Bus.Publish(TradingEventKind.Fill, botId,
        new FillUpdate("tb-3-1", "ex-1", symbol, OrderSide.Buy, 10m, 501.25m, 1m, At, "entry", null));

    private async Task<ClientWebSocket> ConnectAsync(string query = "")
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"{engine.App.BaseUrl.Replace("http://", "ws://")}/ws{query}"), Timeout());
        return socket;
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token;

    private static async Task<JsonElement> ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        int count = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(count), Timeout());
            count += result.Count;
        } while (!result.EndOfMessage);
        Assert.Equal(WebSocketMessageType.Text, result.MessageType);
        return JsonDocument.Parse(buffer.AsMemory(0, count)).RootElement.Clone();
    }

    private static async Task<long> HelloAsync(ClientWebSocket socket)
    {
        var hello = await ReceiveAsync(socket);
        Assert.Equal("hello", hello.GetProperty("kind").GetString());
        return hello.GetProperty("seq").GetInt64();
    }

    private static Task SendAsync(ClientWebSocket socket, string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, Timeout());

    [Fact]
    public async Task A_plain_get_is_a_400_problem()
    {
        using var client = engine.App.CreateClient();
        using var response = await client.GetAsync("ws");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("WebSocket", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_bad_since_is_a_400_naming_it()
    {
        using var client = engine.App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "ws?since=soon");
        using var response = await client.SendAsync(request);
        // Not an upgrade: the plain-GET answer comes first.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var socketFailure = await Assert.ThrowsAsync<WebSocketException>(() => ConnectAsync("?since=soon"));
        Assert.Contains("400", socketFailure.Message);
    }

    [Fact]
    public async Task Published_events_arrive_as_snake_case_json()
    {
        using var socket = await ConnectAsync();
        var latest = await HelloAsync(socket);

        var fill = PublishFill(botId: 3);
        Bus.Publish(TradingEventKind.BotStatusChanged, 3, new BotStatusUpdate("Momentum", BotStatus.Paused, "by the trader"));

        var message = await ReceiveAsync(socket);
        Assert.Equal(fill.Sequence, message.GetProperty("seq").GetInt64());
        Assert.True(fill.Sequence > latest);
        Assert.Equal("fill", message.GetProperty("kind").GetString());
        Assert.Equal(3, message.GetProperty("bot_id").GetInt64());
        Assert.Equal(fill.TimeUtc, message.GetProperty("time").GetDateTime().ToUniversalTime());
        var data = message.GetProperty("data");
        Assert.Equal("SPY", data.GetProperty("symbol").GetString());
        Assert.Equal("buy", data.GetProperty("side").GetString());
        Assert.Equal(501.25m, data.GetProperty("price").GetDecimal());
        Assert.Equal("tb-3-1", data.GetProperty("client_order_id").GetString());

        var status = await ReceiveAsync(socket);
        Assert.Equal(fill.Sequence + 1, status.GetProperty("seq").GetInt64());
        Assert.Equal("bot_status_changed", status.GetProperty("kind").GetString());
        Assert.Equal("paused", status.GetProperty("data").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Since_on_connect_sends_the_missed_events_first()
    {
        var missed = new[] { PublishFill(symbol: "A"), PublishFill(symbol: "B"), PublishFill(symbol: "C") };

        using var socket = await ConnectAsync($"?since={missed[0].Sequence}");
        await HelloAsync(socket);
        var live = PublishFill(symbol: "D");

        var received = new List<(long Seq, string? Symbol)>();
        while (received.Count == 0 || received[^1].Seq < live.Sequence)
        {
            var m = await ReceiveAsync(socket);
            received.Add((m.GetProperty("seq").GetInt64(), m.GetProperty("data").GetProperty("symbol").GetString()));
        }
        Assert.Equal(new (long, string?)[] { (missed[1].Sequence, "B"), (missed[2].Sequence, "C") }, received.Take(2));
        Assert.Equal((live.Sequence, "D"), received[^1]);
        Assert.Equal(received.Select(r => r.Seq).Distinct().Count(), received.Count);
    }

    [Fact]
    public async Task A_since_message_replays_from_that_sequence()
    {
        using var socket = await ConnectAsync();
        await HelloAsync(socket);
        var first = PublishFill(symbol: "E");
        var second = PublishFill(symbol: "F");
        Assert.Equal(first.Sequence, (await ReceiveAsync(socket)).GetProperty("seq").GetInt64());
        Assert.Equal(second.Sequence, (await ReceiveAsync(socket)).GetProperty("seq").GetInt64());

        await SendAsync(socket, $$"""{ "since": {{first.Sequence - 1}} }""");

        Assert.Equal(first.Sequence, (await ReceiveAsync(socket)).GetProperty("seq").GetInt64());
        Assert.Equal(second.Sequence, (await ReceiveAsync(socket)).GetProperty("seq").GetInt64());

        await SendAsync(socket, """{ "until": 3 }""");
        Assert.Equal("error", (await ReceiveAsync(socket)).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Events_no_longer_buffered_or_from_an_earlier_run_ask_for_a_resync()
    {
        var oldest = PublishFill();
        for (int i = 0; i < TradingEventBus.Capacity; i++) PublishFill();

        using (var socket = await ConnectAsync($"?since={oldest.Sequence - 1}"))
        {
            await HelloAsync(socket);
            var resync = await ReceiveAsync(socket);
            Assert.Equal("resync", resync.GetProperty("kind").GetString());
            Assert.Equal(Bus.LastSequence, resync.GetProperty("seq").GetInt64());
            var live = PublishFill(symbol: "LIVE");
            Assert.Equal(live.Sequence, (await ReceiveAsync(socket)).GetProperty("seq").GetInt64());
        }

        using (var socket = await ConnectAsync($"?since={Bus.LastSequence + 1000}"))
        {
            await HelloAsync(socket);
            Assert.Equal("resync", (await ReceiveAsync(socket)).GetProperty("kind").GetString());
        }
    }

    [Fact]
    public async Task The_socket_closes_normally_when_the_client_does()
    {
        using var socket = await ConnectAsync();
        await HelloAsync(socket);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", Timeout());
        Assert.Equal(WebSocketState.Closed, socket.State);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
        PublishFill(); // nobody listening any more: must not throw or block
    }
}
