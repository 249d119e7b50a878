using Microsoft.Extensions.Diagnostics.HealthChecks;
using TradingBlazor.Domain.MarketData;

namespace TradingBlazor.Api.Health;

/// <summary>The live feed: degraded (not down: the app still works) when it has not published for a while.</summary>
public sealed class MarketDataHealthCheck : IHealthCheck
{
    private static readonly TimeSpan Stale = TimeSpan.FromSeconds(10);
    private readonly IMarketDataFeed _feed;

    public MarketDataHealthCheck(IMarketDataFeed feed) => _feed = feed;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["feed"] = _feed.Name, ["simulated"] = _feed.IsSimulated, ["subscriptions"] = _feed.Subscriptions.Count };
        DateTime? last = _feed.LastUpdateUtc;
        if (last is { } t) data["lastUpdateUtc"] = t.ToString("O");
        var result = last is { } at && DateTime.UtcNow - at > Stale
            ? HealthCheckResult.Degraded($"no update for {(DateTime.UtcNow - at).TotalSeconds:F0} s", data: data)
            : HealthCheckResult.Healthy(_feed.IsSimulated ? "simulated feed running" : "feed running", data);
        return Task.FromResult(result);
    }
}
