using System.Text.Json;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Time;
using TradingBlazor.Infrastructure.Configuration;

namespace TradingBlazor.Adapters.Alpaca.Streaming;

/// <summary>
/// Alpaca's stock market data stream as an <see cref="IMarketDataFeed"/>: minute bars arrive closed from the stream
/// ("b", and "u" corrections), and trades build the in-progress minute in between. Only regular-session minutes become
/// bar updates (Alpaca also streams pre- and after-market); every trade and quote is still raised as it is. Subscriptions are incremental and
/// are sent again in full after every reconnect; the minutes missed while disconnected are fetched over REST and
/// published in order before live data resumes. Refusals a reconnect cannot fix (402 auth failed, 409/410/411
/// subscription) stop the stream; 406 (another connection holds the slot) is retried with backoff.
/// </summary>
public sealed class AlpacaDataStream : AlpacaStream, IMarketDataFeed
{
    public const string DefaultUrl = "wss://stream.data.alpaca.markets/";
    private static readonly int[] Fatal = { 401, 402, 404, 409, 410, 411 };
    private readonly AlpacaSettings _settings;
    private readonly AlpacaMarketDataClient _history;
    private readonly IMarketCalendar _calendar;
    private readonly object _barsGate = new();
    private readonly Dictionary<string, DateTime> _lastClosed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Bar> _forming = new(StringComparer.Ordinal);
    private readonly DataSubscriptions _subscriptions = new();
    private volatile bool _subscribed; // the current connection is authenticated and has the subscription set

    public AlpacaDataStream(AlpacaSettings settings, AlpacaMarketDataClient history, IMarketCalendar calendar, TimeProvider clock, ILogger<AlpacaDataStream> log, StreamOptions? options = null)
        : base("Market data stream", clock, log, options)
    {
        _settings = settings;
        _history = history;
        _calendar = calendar;
        // A DataUrl other than Alpaca's own (a fake, a proxy) also serves the stream unless DataStreamUrl says otherwise.
        var dataHost = string.IsNullOrWhiteSpace(settings.DataUrl) || new Uri(settings.DataUrl).Host == new Uri(AlpacaMarketDataClient.DefaultUrl).Host ? null : settings.DataUrl;
        Url = StreamUrls.Resolve(string.IsNullOrWhiteSpace(settings.DataStreamUrl) ? dataHost : settings.DataStreamUrl, DefaultUrl, $"v2/{settings.Feed}");
    }

    protected override Uri Url { get; }
    public string Name => $"Alpaca ({_settings.Feed})";
    public bool IsSimulated => false;
    public DateTime? LastUpdateUtc => Status.LastMessageUtc;
    /// <summary>A stream that says nothing for this long during a session is presumed dead.</summary>
    public TimeSpan SilenceLimit { get; init; } = TimeSpan.FromMinutes(3);
    /// <summary>Bars recovered over REST after reconnects (shown on the Settings page).</summary>
    public int GapFilledBars { get; private set; }

    public event Action<BarUpdate>? BarUpdated;
    public event Action<StreamTrade>? TradeReceived;
    public event Action<StreamQuote>? QuoteReceived;

    public IReadOnlySet<string> Subscriptions => _subscriptions.Of(DataKind.Bars);

    public IReadOnlySet<string> QuoteSubscriptions => _subscriptions.Of(DataKind.Quotes);

    public void Subscribe(IEnumerable<string> symbols) => Change(DataKind.Bars, symbols, add: true);

    public void Unsubscribe(IEnumerable<string> symbols) => Change(DataKind.Bars, symbols, add: false);

    public void SubscribeQuotes(IEnumerable<string> symbols) => Change(DataKind.Quotes, symbols, add: true);

    public void UnsubscribeQuotes(IEnumerable<string> symbols) => Change(DataKind.Quotes, symbols, add: false);

    private void Change(DataKind kind, IEnumerable<string> symbols, bool add)
    {
        var changed = _subscriptions.Change(kind, symbols, add);
        // Before the handshake is done, the handshake sends the whole set.
        if (changed.Length > 0 && _subscribed) _ = SendQuietlyAsync(DataSubscriptions.Message(add ? "subscribe" : "unsubscribe", kind, changed));
    }

    private async Task SendQuietlyAsync(object message)
    {
        try { await SendAsync(message, CancellationToken.None); }
        catch (Exception ex) when (ex is System.Net.WebSockets.WebSocketException or ObjectDisposedException or OperationCanceledException) { } // the reconnect resubscribes
    }

    protected override async Task HandshakeAsync(CancellationToken ct)
    {
        _subscribed = false;
        ExpectControl(await ReceiveHandshakeAsync(ct), "success");
        await SendAsync(new { action = "auth", key = _settings.KeyId, secret = _settings.SecretKey }, ct);
        ExpectControl(await ReceiveHandshakeAsync(ct), "success");
        var sent = _subscriptions.Snapshot();
        if (DataSubscriptions.SubscribeAll(sent) is { } everything)
        {
            await SendAsync(everything, ct);
            ExpectControl(await ReceiveHandshakeAsync(ct), "subscription");
        }
        _subscribed = true;
        // Changes made while the handshake ran: from here on Change() sends its own, so this catch-up closes the window.
        foreach (var message in _subscriptions.Catchup(sent)) await SendAsync(message, ct);
    }

    private static void ExpectControl(JsonElement message, string type)
    {
        var first = message.ValueKind == JsonValueKind.Array && message.GetArrayLength() > 0 ? message[0] : message;
        var t = first.TryGetProperty("T", out var tv) ? tv.GetString() : null;
        if (t == "error")
        {
            int? code = first.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : null;
            string text = first.TryGetProperty("msg", out var m) ? m.GetString() ?? "error" : "error";
            throw new AlpacaStreamException(code, text, retryable: code is not { } k || Array.IndexOf(Fatal, k) < 0);
        }
        if (t != type) throw new AlpacaStreamException(null, $"expected a '{type}' message, got '{t}'", retryable: true);
    }

    protected override async Task OnConnectedAsync(DateTime? gapStartUtc, CancellationToken ct)
    {
        if (gapStartUtc is not { } gapStart) return;
        var thisMinute = MarketTime.MinuteStart(Clock.UtcNow());
        var missingFrom = new Dictionary<string, DateTime>(StringComparer.Ordinal); // per symbol: the first minute not yet published
        lock (_barsGate)
        {
            foreach (var symbol in Subscriptions)
            {
                var from = _lastClosed.TryGetValue(symbol, out var last) ? last.AddMinutes(1) : MarketTime.MinuteStart(gapStart);
                if (from < thisMinute) missingFrom[symbol] = from;
            }
        }
        if (missingFrom.Count == 0) return;
        try
        {
            // One paged multi-symbol request rather than one per symbol: a reconnect must not spend the shared rate budget.
            var bars = await _history.GetBarsAsync(missingFrom.Keys.ToList(), Timeframe.Minute1, missingFrom.Values.Min(), thisMinute, ct);
            foreach (var (symbol, series) in bars)
            {
                if (!missingFrom.TryGetValue(symbol, out var from)) continue;
                foreach (var bar in series)
                    if (bar.StartUtc >= from && PublishClosed(bar, onlyIfNew: true)) GapFilledBars++;
            }
        }
        catch (Exception ex) when (ex is AlpacaApiException or AlpacaAmbiguousException)
        {
            // The chart shows a hole rather than the stream staying down; the next reconnect tries again.
            GapFillErrors.Add($"{string.Join(',', missingFrom.Keys)}: {ex.Message}");
        }
    }

    /// <summary>Why recent gap fills failed, newest last (kept short).</summary>
    public BoundedLog GapFillErrors { get; } = new(20);

    protected override bool IsStale(DateTime lastMessageUtc, DateTime nowUtc) =>
        Subscriptions.Count > 0 && _calendar.IsOpenAt(nowUtc) && _calendar.IsOpenAt(lastMessageUtc) && nowUtc - lastMessageUtc > SilenceLimit;

    protected override void OnMessage(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        using var doc = JsonDocument.ParseValue(ref reader);
        if (doc.RootElement.ValueKind != JsonValueKind.Array) return;
        foreach (var item in doc.RootElement.EnumerateArray())
        {
            switch (item.TryGetProperty("T", out var t) ? t.GetString() : null)
            {
                case "b":
                case "u":
                    PublishClosed(ReadBar(item), onlyIfNew: false);
                    break;
                case "t":
                    OnTrade(new StreamTrade(item.GetProperty("S").GetString()!, item.GetProperty("p").GetDecimal(), item.GetProperty("s").GetDecimal(),
                        AlpacaJson.ParseTimestamp(item.GetProperty("t").GetString()!), item.TryGetProperty("i", out var i) && i.TryGetInt64(out var id) ? id : null));
                    break;
                case "q":
                    QuoteReceived?.Invoke(new StreamQuote(item.GetProperty("S").GetString()!, item.GetProperty("bp").GetDecimal(), item.GetProperty("bs").GetDecimal(),
                        item.GetProperty("ap").GetDecimal(), item.GetProperty("as").GetDecimal(), AlpacaJson.ParseTimestamp(item.GetProperty("t").GetString()!)));
                    break;
                case "error":
                    // e.g. 405 symbol limit after a subscribe: the connection stays up; the trader sees it on the Settings page.
                    StreamErrors.Add($"{(item.TryGetProperty("code", out var c) ? c.ToString() : "?")} {(item.TryGetProperty("msg", out var m) ? m.GetString() : "")}");
                    break;
            }
        }
    }

    private static Bar ReadBar(JsonElement item) => new(
        item.GetProperty("S").GetString()!, Timeframe.Minute1, AlpacaJson.ParseTimestamp(item.GetProperty("t").GetString()!),
        item.GetProperty("o").GetDecimal(), item.GetProperty("h").GetDecimal(), item.GetProperty("l").GetDecimal(), item.GetProperty("c").GetDecimal(),
        item.GetProperty("v").GetDecimal(), item.TryGetProperty("vw", out var vw) ? vw.GetDecimal() : null, item.TryGetProperty("n", out var n) ? n.GetInt64() : null);

    private bool PublishClosed(Bar bar, bool onlyIfNew)
    {
        if (!_calendar.IsOpenAt(bar.StartUtc)) return false; // regular session only, like every other bar here
        lock (_barsGate)
        {
            bool isNew = !_lastClosed.TryGetValue(bar.Symbol, out var last) || bar.StartUtc > last;
            if (onlyIfNew && !isNew) return false;
            if (isNew) _lastClosed[bar.Symbol] = bar.StartUtc;
            if (_forming.TryGetValue(bar.Symbol, out var forming) && forming.StartUtc <= bar.StartUtc) _forming.Remove(bar.Symbol);
        }
        BarUpdated?.Invoke(new BarUpdate(bar, BarUpdateKind.Closed));
        return true;
    }

    // Trades between bar messages make the current minute visible as it forms; the "b" message then replaces it.
    private void OnTrade(StreamTrade trade)
    {
        TradeReceived?.Invoke(trade);
        var minute = MarketTime.MinuteStart(trade.TimeUtc);
        if (!_calendar.IsOpenAt(minute)) return;
        Bar updated;
        lock (_barsGate)
        {
            if (_lastClosed.TryGetValue(trade.Symbol, out var closed) && minute <= closed) return; // a late print for a finished minute
            updated = _forming.TryGetValue(trade.Symbol, out var bar) && bar.StartUtc == minute
                ? bar with { High = Math.Max(bar.High, trade.Price), Low = Math.Min(bar.Low, trade.Price), Close = trade.Price, Volume = bar.Volume + trade.Size }
                : new Bar(trade.Symbol, Timeframe.Minute1, minute, trade.Price, trade.Price, trade.Price, trade.Price, trade.Size);
            if (_forming.TryGetValue(trade.Symbol, out var current) && current.StartUtc > minute) return; // out of order
            _forming[trade.Symbol] = updated;
        }
        BarUpdated?.Invoke(new BarUpdate(updated, BarUpdateKind.InProgress));
    }
}
