using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingBlazor.Data;
using TradingBlazor.Data.Entities;
using TradingBlazor.Domain.Time;
using TradingBlazor.Infrastructure.Configuration;

namespace TradingBlazor.Engine.Alerts;

/// <summary>
/// One POST per alert (what the bell shows, broker stream drops included) to the trader's URL, as snake_case JSON. Alerts
/// wait in a bounded queue (the oldest dropped, with a warning, when full) and go out one at a time on a background loop,
/// with a timeout per request and retries with exponential backoff; the engine never waits for it. <c>id</c> (also the
/// <c>Idempotency-Key</c> header) is unique across restarts and the same on every retry, so a receiver can de-duplicate.
/// Logs name the URL's scheme and host only: the path or query may hold a token.
/// </summary>
public sealed class AlertWebhook : BackgroundService
{
    public const string SettingKey = "alerts.webhook_url";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private readonly string _run = Guid.NewGuid().ToString("N")[..12];
    private readonly Channel<Alert> _queue;
    private readonly AlertCenter _center;
    private readonly IDbContextFactory<TradingDbContext> _db;
    private readonly AlertSettings _settings;
    private readonly TimeProvider _clock;
    private readonly ILogger<AlertWebhook> _log;
    private readonly HttpClient _http;
    private volatile Uri? _url;

    public AlertWebhook(AlertCenter center, IDbContextFactory<TradingDbContext> db, IOptions<AlertSettings> settings, TimeProvider clock, ILogger<AlertWebhook> log)
    {
        (_center, _db, _settings, _clock, _log) = (center, db, settings.Value, clock, log);
        _queue = Channel.CreateBounded<Alert>(new BoundedChannelOptions(_settings.WebhookQueue) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped => _log.LogWarning("Webhook queue full: dropped alert {AlertId} ({Kind})", dropped.Id, dropped.Kind));
        // Not the HttpClient factory: its handlers log full request URLs.
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { Timeout = Timeout.InfiniteTimeSpan };
        _center.Raised += OnRaised;
    }

    public Uri? Url => _url;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var db = await _db.CreateDbContextAsync(cancellationToken))
        {
            var saved = await db.AppSettings.FindAsync(new object[] { SettingKey }, cancellationToken);
            if (WebhookUrl.Validate(saved?.Value, out var url) is null) _url = url;
            else _log.LogWarning("The saved alert webhook address is not valid; the webhook is off");
        }
        await base.StartAsync(cancellationToken);
    }

    /// <summary>Saves and uses the address (empty: off). Returns why it is refused, or null.</summary>
    public async Task<string?> SetUrlAsync(string? text, CancellationToken ct = default)
    {
        if (WebhookUrl.Validate(text, out var url) is { } error) return error;
        await using var db = await _db.CreateDbContextAsync(ct);
        var row = await db.AppSettings.FindAsync(new object[] { SettingKey }, ct);
        if (row is null) db.AppSettings.Add(row = new AppSettingRecord { Key = SettingKey, Value = "" });
        row.Value = url?.ToString() ?? "";
        row.UpdatedAt = _clock.UtcNow();
        await db.SaveChangesAsync(ct);
        _url = url;
        if (url is null) _log.LogInformation("Alert webhook off");
        else _log.LogInformation("Alert webhook set to {Webhook}", WebhookUrl.ForLog(url));
        return null;
    }

    private void OnRaised(Alert alert)
    {
        if (_url is not null) _queue.Writer.TryWrite(alert);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var alert in _queue.Reader.ReadAllAsync(stoppingToken))
                if (_url is { } url) await DeliverAsync(url, alert, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task DeliverAsync(Uri url, Alert alert, CancellationToken ct)
    {
        var payload = new WebhookPayload($"{_run}-{alert.Id}", alert.Id, alert.Sequence, alert.Kind, alert.Severity, alert.TimeUtc, alert.BotId, alert.BotName,
            alert.Title, alert.Message);
        string? failure = null;
        for (int attempt = 0; attempt <= _settings.WebhookRetries; attempt++)
        {
            if (attempt > 0)
                await Task.Delay(TimeSpan.FromSeconds(_settings.WebhookRetrySeconds * Math.Pow(2, attempt - 1)), _clock, ct);
            bool retry;
            (failure, retry) = await PostAsync(url, payload, ct);
            if (failure is null) return;
            _log.LogDebug("Webhook attempt {Attempt} for alert {AlertId} to {Webhook} failed: {Error}", attempt + 1, alert.Id, WebhookUrl.ForLog(url), failure);
            if (!retry) break;
        }
        _log.LogWarning("Webhook gave up on alert {AlertId} ({Kind}) to {Webhook}: {Error}", alert.Id, alert.Kind, WebhookUrl.ForLog(url), failure);
    }

    /// <summary>Null when delivered, else what went wrong and whether another try could help.</summary>
    private async Task<(string? Failure, bool Retry)> PostAsync(Uri url, WebhookPayload payload, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(_settings.WebhookTimeoutSeconds));
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(payload, options: Json) };
            request.Headers.Add("Idempotency-Key", payload.Id);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.IsSuccessStatusCode) return (null, false);
            var code = response.StatusCode;
            return ($"HTTP {(int)code}", (int)code >= 500 || code is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ($"no answer within {_settings.WebhookTimeoutSeconds} s", true);
        }
        catch (HttpRequestException ex)
        {
            // The message names the host at most (never the path or query).
            return (ex.HttpRequestError == HttpRequestError.Unknown ? "request failed" : ex.HttpRequestError.ToString(), true);
        }
    }

    public override void Dispose()
    {
        _center.Raised -= OnRaised;
        _http.Dispose();
        base.Dispose();
    }
}

/// <summary>The JSON a webhook receives (snake_case).</summary>
public sealed record WebhookPayload(
    string Id, long Sequence, long? EventSequence, AlertKind Kind, AlertSeverity Severity, DateTime Time, long? BotId, string? BotName, string Title, string Message);
