using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TradingBlazor.Adapters.Alpaca;
using TradingBlazor.Adapters.Alpaca.Streaming;
using TradingBlazor.Engine.Brokerage;
using TradingBlazor.Infrastructure.Configuration;

namespace TradingBlazor.Api.Health;

/// <summary>The broker and its streams: degraded (200) while a stream is down or reconnecting, so a container is not restarted for a network blip.</summary>
public sealed class BrokerHealthCheck(BrokerConnection connection, AlpacaRateLimiter limiter, IOptions<AlpacaSettings> settings) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = BrokerStatus.Of(connection, limiter, settings.Value.KeyId);
        var data = new Dictionary<string, object> { ["mode"] = status.Mode.ToString(), ["rateLimitHeadroom"] = status.RateLimitHeadroom };
        foreach (var s in status.Streams)
        {
            data[s.Name] = new { state = s.State.ToString(), lastMessageUtc = s.LastMessageUtc, reconnects = s.Reconnects, lastError = s.LastError };
        }
        var down = status.Streams.Where(s => s.State != StreamState.Connected).ToList();
        var result = down.Count == 0
            ? HealthCheckResult.Healthy(status.Mode == BrokerMode.Simulated ? "simulated broker" : $"{status.Description}: streams connected", data)
            : HealthCheckResult.Degraded($"{status.Description}: {string.Join(", ", down.Select(s => $"{s.Name} {s.State.ToString().ToLowerInvariant()}{(s.LastError is null ? "" : $" ({s.LastError})")}"))}", data: data);
        return Task.FromResult(result);
    }
}
