using System.Text.Json;
using TradingBlazor.Domain.Time;
using TradingBlazor.Infrastructure.Configuration;

namespace TradingBlazor.Adapters.Alpaca.Streaming;

/// <summary>
/// The account's trade_updates stream: JSON objects in binary frames, authenticate then listen. Alpaca never replays
/// events missed while disconnected, so every (re)connect runs <see cref="ConnectedHandler"/> before the first new
/// event is read: that is where the brokerage reconciles over REST. A refused key stops the stream for good.
/// </summary>
public sealed class AlpacaTradingStream : AlpacaStream
{
    private readonly AlpacaSettings _settings;

    public AlpacaTradingStream(AlpacaSettings settings, TimeProvider clock, ILogger<AlpacaTradingStream> log, StreamOptions? options = null)
        : base("Trade updates stream", clock, log, options)
    {
        _settings = settings;
        var trading = string.IsNullOrWhiteSpace(settings.TradingUrl) ? (settings.Paper ? AlpacaTradingClient.PaperUrl : AlpacaTradingClient.LiveUrl) : settings.TradingUrl;
        Url = StreamUrls.Resolve(settings.TradingStreamUrl, new Uri(new Uri(trading), "/").ToString(), "stream");
    }

    protected override Uri Url { get; }

    public event Action<AlpacaTradeUpdate>? TradeUpdated;

    /// <summary>Runs after each handshake, before new events are read; the argument is when the previous connection was lost.</summary>
    public Func<DateTime?, CancellationToken, Task>? ConnectedHandler { get; set; }

    protected override async Task HandshakeAsync(CancellationToken ct)
    {
        await SendAsync(new { action = "authenticate", data = new { key_id = _settings.KeyId, secret_key = _settings.SecretKey } }, ct);
        var auth = await ReceiveHandshakeAsync(ct);
        if (Stream(auth) != "authorization" || Data(auth, "status") != "authorized")
            throw new AlpacaStreamException(null, Data(auth, "message") ?? "trade updates stream: not authorized", retryable: false);
        await SendAsync(new { action = "listen", data = new { streams = new[] { "trade_updates" } } }, ct);
        var listening = await ReceiveHandshakeAsync(ct);
        if (Stream(listening) != "listening")
            throw new AlpacaStreamException(null, $"expected 'listening', got '{Stream(listening)}'", retryable: true);
    }

    protected override Task OnConnectedAsync(DateTime? gapStartUtc, CancellationToken ct) =>
        ConnectedHandler?.Invoke(gapStartUtc, ct) ?? Task.CompletedTask;

    protected override void OnMessage(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        using var doc = JsonDocument.ParseValue(ref reader);
        var root = doc.RootElement;
        if (Stream(root) == "trade_updates" && root.TryGetProperty("data", out var data))
        {
            var update = data.Deserialize<AlpacaTradeUpdate>(AlpacaJson.Options);
            if (update is not null) TradeUpdated?.Invoke(update);
        }
        else if (root.TryGetProperty("action", out var action) && action.GetString() == "error")
        {
            StreamErrors.Add(Data(root, "error_message") ?? "error");
        }
    }

    private static string? Stream(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object && message.TryGetProperty("stream", out var s) ? s.GetString() : null;

    private static string? Data(JsonElement message, string name) =>
        message.ValueKind == JsonValueKind.Object && message.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object && d.TryGetProperty(name, out var v) ? v.GetString() : null;
}
