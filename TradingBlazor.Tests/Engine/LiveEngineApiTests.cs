using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.EngineTests;

/// <summary>
/// The whole app with its real engine on the simulated market (sped up): the demo bots a fresh database starts with,
/// and a bot created over the API that trades, with its records in SQLite, on /api/* and on /ws.
/// </summary>
public sealed class LiveEngineApiTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApp.StartAsync("--Simulation:Speed=1200");
        _http = _app.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        var response = await _http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_fresh_database_runs_two_demo_bots_that_trade()
    {
        var bots = await GetAsync("api/bots");
        Assert.Equal(2, bots.GetArrayLength());
        Assert.All(bots.EnumerateArray(), b => Assert.Equal("Running", b.GetProperty("status").GetString()));
        Assert.Contains(bots.EnumerateArray(), b => b.GetProperty("mode").GetString() == "Hybrid");
        await Eventually.HoldsAsync(async () => (await GetAsync("api/orders")).GetArrayLength() > 0, "a demo bot placed an order", TimeSpan.FromSeconds(40));
    }

    [Fact]
    public async Task A_bot_created_over_the_api_trades_and_its_records_are_everywhere()
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(_app.BaseUrl.Replace("http://", "ws://") + "/ws"), CancellationToken.None);

        var config = """
            { "version": 1, "name": "api bot", "symbols": ["QQQ"], "capital": 5000, "timeframe": "1m",
              "trading_window": { "start": "09:30", "end": "16:00" }, "indicators": ["ema(3)", "ema(8)"],
              "entry": { "rule": "ema_3 crosses_above ema_8" }, "exit": { "rule": "ema_3 crosses_below ema_8" },
              "risk": { "position_fraction": 0.5, "fractional_shares": true } }
            """;
        var created = await _http.PostAsync("api/bots", new StringContent(config, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var bot = await created.Content.ReadFromJsonAsync<JsonElement>();
        long id = bot.GetProperty("id").GetInt64();
        Assert.Equal("Stopped", bot.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsync($"api/bots/{id}/start", null)).StatusCode);

        // A fill of this bot arrives on the socket (the simulated clock runs 1200x: a session in about 20 s).
        var fill = await ReceiveAsync(socket, e => e.GetProperty("kind").GetString() == "fill" && e.GetProperty("bot_id").GetInt64() == id, TimeSpan.FromSeconds(60));
        string clientOrderId = fill.GetProperty("data").GetProperty("client_order_id").GetString()!;
        Assert.StartsWith($"tb{id}-QQQ-", clientOrderId);

        await Eventually.HoldsAsync(async () => (await GetAsync($"api/trades?bot={id}")).GetArrayLength() > 0, "the trade is listed", TimeSpan.FromSeconds(20));
        Assert.True((await GetAsync($"api/trades?bot={id}&symbol=qqq")).GetArrayLength() > 0); // symbols match in any case
        Assert.Equal(0, (await GetAsync($"api/trades?bot={id}&symbol=SPY")).GetArrayLength());
        Assert.Equal(0, (await GetAsync($"api/trades?bot={id}&to=2001-01-01T00:00:00Z")).GetArrayLength());
        Assert.Contains((await GetAsync($"api/orders?bot={id}")).EnumerateArray(), o => o.GetProperty("clientOrderId").GetString() == clientOrderId);
        var signals = await GetAsync($"api/bots/{id}/signals?n=10");
        Assert.Contains(signals.EnumerateArray(), s => s.GetProperty("executed").GetBoolean() && s.GetProperty("values").TryGetProperty("ema_3", out _));
        var details = await GetAsync($"api/bots/{id}");
        Assert.Equal("Running", details.GetProperty("status").GetString());
        Assert.True(details.GetProperty("ledger").GetProperty("capital").GetDecimal() == 5000m);

        using var db = new SqliteConnection($"Data Source={Path.Combine(_app.DataDirectory, "tradingblazor.db")}");
        db.Open();
        long Count(string sql) => Convert.ToInt64(new SqliteCommand(sql, db).ExecuteScalar());
        Assert.True(Count($"select count(*) from fills f join orders o on o.id = f.order_id where o.bot_id = {id}") > 0);
        Assert.Equal(Count("select count(*) from fills"), Count("select count(distinct execution_id) from fills"));

        var edit = await _http.PutAsync($"api/bots/{id}", new StringContent(config, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsync($"api/bots/{id}/stop?flatten=true", null)).StatusCode);
        await Eventually.HoldsAsync(async () => !(await GetAsync("api/positions")).EnumerateArray().Any(p => p.GetProperty("botId").GetInt64() == id), "the bot is flat", TimeSpan.FromSeconds(10));
    }

    private static async Task<JsonElement> ReceiveAsync(ClientWebSocket socket, Func<JsonElement, bool> wanted, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var text = new StringBuilder();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, cts.Token);
                text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
            } while (!result.EndOfMessage);
            var message = JsonDocument.Parse(text.ToString()).RootElement.Clone();
            if (message.TryGetProperty("bot_id", out var b) && b.ValueKind == JsonValueKind.Number && wanted(message)) return message;
        }
    }
}
