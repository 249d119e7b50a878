using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TradingBlazor.Infrastructure.Configuration;

namespace TradingBlazor.Adapters.Alpaca;

/// <summary>
/// HTTP plumbing shared by the trading and data clients: auth headers on every request, the shared rate budget, typed
/// errors, and safe retries. Reads (GET) retry on 429, 5xx, timeouts and connection failures with jittered backoff;
/// writes are sent once and report ambiguity, so callers decide (orders: look up by client_order_id).
/// </summary>
public sealed class AlpacaHttp
{
    public const int MaxAttempts = 5;
    private readonly HttpClient _http;
    private readonly AlpacaSettings _settings;
    private readonly AlpacaRateLimiter _limiter;
    private readonly Func<int, TimeSpan> _backoff;

    public AlpacaHttp(HttpClient http, AlpacaSettings settings, AlpacaRateLimiter limiter, Func<int, TimeSpan>? backoff = null)
    {
        _http = http;
        _settings = settings;
        _limiter = limiter;
        _backoff = backoff ?? DefaultBackoff;
    }

    /// <summary>200 ms, 400 ms, 800 ms … capped at 5 s, each with ±25% jitter.</summary>
    public static TimeSpan DefaultBackoff(int attempt)
    {
        double ms = Math.Min(200 * Math.Pow(2, attempt), 5000);
        return TimeSpan.FromMilliseconds(ms * (0.75 + Random.Shared.NextDouble() * 0.5));
    }

    public async Task<T?> GetAsync<T>(Uri url, CancellationToken ct, bool notFoundIsNull = false)
    {
        for (int attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await SendAsync(HttpMethod.Get, url, null, isOrder: false, ct);
            }
            catch (AlpacaAmbiguousException) when (attempt + 1 < MaxAttempts)
            {
                await Task.Delay(_backoff(attempt), ct);
                continue;
            }
            using (response)
            {
                if (response.IsSuccessStatusCode) return await response.Content.ReadFromJsonAsync<T>(AlpacaJson.Options, ct);
                if (notFoundIsNull && response.StatusCode == HttpStatusCode.NotFound) return default;
                if (IsTransient(response.StatusCode) && attempt + 1 < MaxAttempts)
                {
                    await Task.Delay(response.Headers.RetryAfter?.Delta ?? _backoff(attempt), ct);
                    continue;
                }
                throw await ErrorAsync(response, ct);
            }
        }
    }

    /// <summary>Sends a write once. Success: the parsed body (or default for 204). Non-transient errors: typed exceptions. Anything else: ambiguous.</summary>
    public async Task<T?> WriteOnceAsync<T>(HttpMethod method, Uri url, object? body, bool isOrder, CancellationToken ct)
    {
        using var response = await SendAsync(method, url, body, isOrder, ct);
        if (response.StatusCode == HttpStatusCode.NoContent) return default;
        if (response.IsSuccessStatusCode) return await response.Content.ReadFromJsonAsync<T>(AlpacaJson.Options, ct);
        var error = await ErrorAsync(response, ct);
        if (IsTransient(response.StatusCode)) throw new AlpacaAmbiguousException(error.Message, error);
        throw error;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri url, object? body, bool isOrder, CancellationToken ct)
    {
        await _limiter.AcquireAsync(isOrder, ct);
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add("APCA-API-KEY-ID", _settings.KeyId ?? "");
        request.Headers.Add("APCA-API-SECRET-KEY", _settings.SecretKey ?? "");
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: AlpacaJson.Options);
        try
        {
            var response = await _http.SendAsync(request, ct);
            _limiter.Observe(response);
            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            // The request may have reached the server: a timeout or a dropped connection proves nothing either way.
            throw new AlpacaAmbiguousException($"{method} {url.AbsolutePath} did not complete: {(ex is TaskCanceledException ? "timed out" : ex.Message)}", ex);
        }
    }

    private static bool IsTransient(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError;

    private static async Task<AlpacaApiException> ErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        AlpacaErrorBody? body = null;
        var text = await response.Content.ReadAsStringAsync(ct);
        try { body = JsonSerializer.Deserialize<AlpacaErrorBody>(text, AlpacaJson.Options); } catch (JsonException) { }
        return new AlpacaApiException((int)response.StatusCode, body?.Code, body?.Message ?? (string.IsNullOrWhiteSpace(text) ? response.ReasonPhrase ?? "error" : text.Trim()));
    }
}
