using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TradingBlazor.Data;
using TradingBlazor.Data.Entities;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Time;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Brokerage;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.EngineTests;

/// <summary>
/// The app's real executable on the fake Alpaca with a manual-mode bot: its entry waits in the approval queue (nothing
/// reaches the broker) until the trader approves it over the API, is sent exactly once and cannot be approved twice;
/// then the stop the engine watches itself (Alpaca holds none: the entry was a plain market order) sells at market
/// without asking, and the bot and the broker end flat.
/// </summary>
public sealed partial class AlpacaModesTests : IAsyncLifetime
{
    private const string Symbol = "AAPL";
    private const decimal EntryPrice = 160m;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    // Bars are published every 300 ms until the approval shows; each is a minute of bar time, so on a busy machine
    // many minutes pass before the test approves: the approval's timeout must outlast them.
    private const string BotJson = """
        {
          "version": 1, "name": "manual test", "symbols": ["AAPL"], "capital": 10000, "timeframe": "1m",
          "entry": { "rule": "close > 150" }, "exit": { "rule": "close < 100" },
          "risk": { "position_fraction": 0.5, "stop_loss": 0.02, "fractional_shares": false },
          "execution": { "mode": "manual", "approval_timeout_minutes": 600 }
        }
        """;

    /// <summary>
    /// 10:00 New York in the first session after today: inside the entry window, and later than the wall clock, which
    /// an approval's expiry is judged by (an entry expires five minutes after its bar, so bars of a past session could
    /// never be approved).
    /// </summary>
    private static readonly DateTime SessionStart = new NyseCalendar()
        .NextOpen(MarketTime.ToUtc(MarketTime.EasternDate(DateTime.UtcNow).AddDays(1), TimeOnly.MinValue)).AddMinutes(30);

    private readonly string _work = TestPaths.NewTempDirectory("tb-modes");
    private FakeAlpaca _fake = null!;
    private KillableApp? _app;
    private HttpClient? _http;
    private int _minute;

    private string DatabasePath => Path.Combine(KillableApp.DataDirectory(_work), "tradingblazor.db");

    public async Task InitializeAsync()
    {
        _fake = await FakeAlpaca.StartAsync();
        await SeedAsync();
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        await _fake.DisposeAsync();
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Manual_entry_waits_for_approval_and_the_watched_stop_sells_without_asking()
    {
        StartApp();
        var http = await ClientAsync();

        // 1. The entry signals on the first traded bar and waits: nothing reaches the broker.
        _fake.Prices[Symbol] = EntryPrice; // market orders fill here
        JsonElement[] pending = [];
        await PublishUntilAsync(EntryPrice, EntryPrice - 0.03m, async () => (pending = await PendingAsync(http)).Length > 0, "the entry waiting for approval");
        var approval = Assert.Single(pending);
        Assert.Equal(0, _fake.OrdersCreated);
        Assert.Equal(0, _fake.Requests.GetValueOrDefault("POST /v2/orders"));
        Assert.Empty(await OrdersAsync()); // not even stored as an order
        long id = approval.GetProperty("id").GetInt64();
        string clientOrderId = approval.GetProperty("clientOrderId").GetString()!;
        Assert.EndsWith("-b", clientOrderId, StringComparison.Ordinal);
        Assert.Equal(Symbol, approval.GetProperty("symbol").GetString());
        Assert.Equal("buy", approval.GetProperty("action").GetString(), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(EntryPrice, approval.GetProperty("price").GetDecimal());
        Assert.Contains("manual mode", approval.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("pending", approval.GetProperty("status").GetString(), StringComparer.OrdinalIgnoreCase);

        // 2. Approved: checked again and sent, exactly once, under the id the signal was given.
        using (var response = await http.PostAsJsonAsync($"api/approvals/{id}/approve", new { note = "go" }))
        {
            string body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
            using var decided = JsonDocument.Parse(body);
            Assert.Equal("approved", decided.RootElement.GetProperty("status").GetString(), StringComparer.OrdinalIgnoreCase);
            Assert.Equal("go", decided.RootElement.GetProperty("note").GetString());
        }
        await Guarded(() => Eventually.HoldsAsync(() => _fake.OrdersCreated == 1, "the approved entry reached the broker", Patience));
        var entry = Assert.Single(_fake.Orders);
        Assert.Equal(clientOrderId, entry.ClientOrderId);
        Assert.Equal("buy", entry.Side);
        Assert.Equal("market", entry.Type);
        Assert.Equal("filled", entry.Status);
        decimal quantity = entry.Qty!.Value;
        Assert.Equal(Math.Floor(10_000m * 0.5m / EntryPrice), quantity); // half the capital, whole shares
        await Guarded(() => Eventually.HoldsAsync(async () => (await FillsAsync()).Count == 1, "the entry's fill stored", Patience));
        var fill = Assert.Single(await FillsAsync());
        Assert.Equal(OrderSide.Buy, fill.Side);
        Assert.Equal(quantity, fill.Quantity);
        Assert.Equal(EntryPrice, fill.Price);
        await Guarded(() => Eventually.HoldsAsync(async () => (await BotPositionsAsync(http)).SingleOrDefault() is { } p
            && p.GetProperty("quantity").GetDecimal() == quantity, "the bot's position in /api/positions", Patience));

        // 3. A second approval does nothing.
        using (var again = await http.PostAsJsonAsync($"api/approvals/{id}/approve", new { note = "again" }))
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(1, _fake.OrdersCreated);

        // 4. A bar through the stop (2% under the fill): the engine sells at market, without asking.
        decimal stop = EntryPrice * (1 - 0.02m);
        decimal exitPrice = stop - 0.3m;
        _fake.Prices[Symbol] = exitPrice;
        await PublishUntilAsync(exitPrice, stop - 0.5m, () => Task.FromResult(_fake.OrdersCreated == 2), "the watched stop's sale reached the broker");
        var exit = _fake.Orders[1];
        Assert.EndsWith("-x", exit.ClientOrderId, StringComparison.Ordinal);
        Assert.Equal("sell", exit.Side);
        Assert.Equal("market", exit.Type);
        Assert.Equal(quantity, exit.Qty);
        Assert.Equal("filled", exit.Status);
        Assert.DoesNotContain(await AllApprovalsAsync(http), a => string.Equals(a.GetProperty("action").GetString(), "sell", StringComparison.OrdinalIgnoreCase));

        await Guarded(() => Eventually.HoldsAsync(async () => (await FillsAsync()).Count == 2, "the stop's fill stored", Patience));
        await Guarded(() => Eventually.HoldsAsync(async () => (await BotPositionsAsync(http)).Length == 0, "the bot flat in /api/positions", Patience));
        Assert.Equal(0m, _fake.PositionQty(Symbol));
        Assert.Equal(2, _fake.Requests.GetValueOrDefault("POST /v2/orders")); // nothing sent twice
        var fills = await FillsAsync();
        Assert.Equal(0m, fills.Sum(f => f.Side == OrderSide.Buy ? f.Quantity : -f.Quantity));
        Assert.Equal(exitPrice, fills[1].Price);
    }

    private void StartApp()
    {
        _app = KillableApp.Start(_work, new Dictionary<string, string>
        {
            ["Alpaca__KeyId"] = FakeAlpaca.KeyId,
            ["Alpaca__SecretKey"] = FakeAlpaca.Secret,
            ["Alpaca__TradingUrl"] = _fake.BaseUrl,
            ["Alpaca__DataUrl"] = _fake.BaseUrl,
            ["Trading__DemoBots"] = "false",
        });
    }

    /// <summary>A client for the app, once it has logged the address it listens on (it binds a free port).</summary>
    private async Task<HttpClient> ClientAsync()
    {
        string? address = null;
        await Guarded(() => Eventually.HoldsAsync(() => (address = ListeningAddress()) is not null, "the app listening", Patience));
        _http = new HttpClient { BaseAddress = new Uri(address!.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(10) };
        return _http;
    }

    private string? ListeningAddress()
    {
        var logs = Path.Combine(KillableApp.DataDirectory(_work), "logs");
        if (!Directory.Exists(logs)) return null;
        foreach (var file in Directory.GetFiles(logs))
        {
            using var reader = new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
            if (ListeningOn().Match(reader.ReadToEnd()) is { Success: true } m) return m.Groups[1].Value;
        }
        return null;
    }

    [GeneratedRegex("\"address\":\"(http://127\\.0\\.0\\.1:[0-9]+)\"")]
    private static partial Regex ListeningOn();

    /// <summary>
    /// Publishes a minute bar closing at <paramref name="close"/> (its low at <paramref name="low"/>) every 300 ms, each a
    /// new minute, until <paramref name="done"/>: bars that arrive before the bot is running are not traded on.
    /// </summary>
    private Task PublishUntilAsync(decimal close, decimal low, Func<Task<bool>> done, string what)
    {
        var since = Stopwatch.StartNew();
        bool first = true;
        return Guarded(() => Eventually.HoldsAsync(async () =>
        {
            if (await done()) return true;
            if (_fake.SubscribedDataPeers == 1 && (first || since.ElapsedMilliseconds >= 300))
            {
                _fake.PublishBar(Symbol, SessionStart.AddMinutes(_minute++), close, close + 0.05m, low, close, 1000);
                first = false;
                since.Restart();
            }
            return false;
        }, what, Patience));
    }

    /// <summary>Runs a wait; when it fails, the failure carries the app's output and logs.</summary>
    private async Task Guarded(Func<Task> wait)
    {
        try
        {
            await wait();
        }
        catch (Xunit.Sdk.XunitException ex)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}\nApp exited: {_app?.HasExited}\n{_app?.Diagnostics()}");
        }
    }

    private static async Task<JsonElement[]> GetArrayAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    private static Task<JsonElement[]> PendingAsync(HttpClient http) => GetArrayAsync(http, "api/approvals");

    private static Task<JsonElement[]> AllApprovalsAsync(HttpClient http) => GetArrayAsync(http, "api/approvals?status=all");

    /// <summary>The bot's own positions (not the unmanaged ones of the broker).</summary>
    private static async Task<JsonElement[]> BotPositionsAsync(HttpClient http) =>
        (await GetArrayAsync(http, "api/positions")).Where(p => p.GetProperty("botId").ValueKind == JsonValueKind.Number && p.GetProperty("symbol").GetString() == Symbol).ToArray();

    private SeededStore Seeded => new(DatabasePath);

    private TradingDbContext Store() => Seeded.Open();

    private Task SeedAsync() => Seeded.SeedAlpacaBotAsync(BotJson);

    private Task<List<OrderRecord>> OrdersAsync() => Seeded.OrdersAsync();

    private Task<List<FillRecord>> FillsAsync() => Seeded.FillsAsync();
}
