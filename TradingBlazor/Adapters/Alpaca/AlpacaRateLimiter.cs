using System.Diagnostics;
using System.Globalization;

namespace TradingBlazor.Adapters.Alpaca;

/// <summary>
/// One request budget for the whole app (Alpaca allows 200/min per key): a token bucket refilled continuously at
/// <see cref="PerMinute"/>, with the last <see cref="OrderReserve"/> tokens kept for order calls so that data downloads
/// can never starve trading. The server's X-RateLimit-* headers, when they say less is left, win.
/// </summary>
public sealed class AlpacaRateLimiter
{
    public const int PerMinute = 190;
    public const int OrderReserve = 20;

    private readonly object _gate = new();
    private readonly TimeProvider _wall;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private double _tokens = PerMinute;
    private TimeSpan _last;
    private TimeSpan? _blockedUntil;

    /// <param name="wall">The app's clock, for the server's reset and Retry-After instants.</param>
    public AlpacaRateLimiter(TimeProvider? wall = null) => _wall = wall ?? TimeProvider.System;

    /// <summary>Tokens available now (for the Settings page).</summary>
    public double Headroom
    {
        get { lock (_gate) { Refill(); return _tokens; } }
    }

    public int? ServerRemaining { get; private set; }

    public async Task AcquireAsync(bool isOrder, CancellationToken ct)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                Refill();
                double floor = isOrder ? 0 : OrderReserve;
                if (_blockedUntil is { } until && until > _clock.Elapsed) wait = until - _clock.Elapsed;
                else if (_tokens - 1 >= floor) { _tokens -= 1; return; }
                else wait = TimeSpan.FromMinutes((1 + floor - _tokens) / PerMinute);
            }
            await Task.Delay(wait < TimeSpan.FromMilliseconds(5) ? TimeSpan.FromMilliseconds(5) : wait, ct);
        }
    }

    /// <summary>Reads X-RateLimit-Remaining/Reset and Retry-After from a response.</summary>
    public void Observe(HttpResponseMessage response)
    {
        lock (_gate)
        {
            Refill();
            if (Header(response, "X-RateLimit-Remaining") is { } remaining && double.TryParse(remaining, NumberStyles.Float, CultureInfo.InvariantCulture, out var r))
            {
                ServerRemaining = (int)r;
                if (r < _tokens) _tokens = r;
                if (r <= 0 && Header(response, "X-RateLimit-Reset") is { } reset && long.TryParse(reset, out var epoch))
                    Block(DateTimeOffset.FromUnixTimeSeconds(epoch) - _wall.GetUtcNow());
            }
            if (response.Headers.RetryAfter?.Delta is { } delta) Block(delta);
            else if (response.Headers.RetryAfter?.Date is { } date) Block(date - _wall.GetUtcNow());
        }
    }

    private void Block(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero) return;
        var until = _clock.Elapsed + (duration > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : duration);
        if (_blockedUntil is null || until > _blockedUntil) _blockedUntil = until;
    }

    private void Refill()
    {
        var now = _clock.Elapsed;
        _tokens = Math.Min(PerMinute, _tokens + (now - _last).TotalMinutes * PerMinute);
        _last = now;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
