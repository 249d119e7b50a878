using Microsoft.Extensions.Diagnostics.HealthChecks;
using TradingBlazor.Engine.Scheduling;

namespace TradingBlazor.Api.Health;

/// <summary>The scheduler is healthy while Quartz runs; the data lists each job's next fire time.</summary>
public sealed class SchedulerHealthCheck(SchedulerMonitor scheduler) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!await scheduler.IsRunningAsync(cancellationToken)) return HealthCheckResult.Unhealthy("scheduler not running");
        var next = await scheduler.NextFireTimesAsync(cancellationToken);
        return HealthCheckResult.Healthy("quartz running", next.ToDictionary(kv => kv.Key, kv => (object)(kv.Value?.UtcDateTime.ToString("O") ?? "none")));
    }
}
