using Microsoft.Extensions.Diagnostics.HealthChecks;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Time;

namespace TradingBlazor.Api.Health;

/// <summary>The live feed: degraded (not down: the app still works) when it has not published for a while.</summary>
public sealed class MarketDataHealthCheck : IHealthCheck
{
    private static readonly TimeSpan Stale = TimeSpan.FromSeconds(10);
    private readonly IMarketDataFeed _feed;
    private readonly TimeProvider _clock;

    public MarketDataHealthCheck(IMarketDataFeed feed, TimeProvider clock)
    {
        _feed = feed;
        _clock = clock;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["feed"] = _feed.Name, ["simulated"] = _feed.IsSimulated, ["subscriptions"] = _feed.Subscriptions.Count };
        DateTime? last = _feed.LastUpdateUtc;
        if (last is { } t) data["lastUpdateUtc"] = t.ToString("O");
        var now = _clock.UtcNow();
        var result = last is { } at && now - at > Stale
            ? HealthCheckResult.Degraded($"no update for {(now - at).TotalSeconds:F0} s", data: data)
            : HealthCheckResult.Healthy(_feed.IsSimulated ? "simulated feed running" : "feed running", data);
        return Task.FromResult(result);
    }
}
