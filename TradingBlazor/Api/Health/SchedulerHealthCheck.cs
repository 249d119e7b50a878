using Microsoft.Extensions.Diagnostics.HealthChecks;
using TradingBlazor.Engine.Scheduling;

namespace TradingBlazor.Api.Health;

/// <summary>The scheduler is healthy while Quartz runs; the data lists each job's next fire time.</summary>
public sealed class SchedulerHealthCheck : IHealthCheck
{
    private readonly SchedulerService _scheduler;

    public SchedulerHealthCheck(SchedulerService scheduler) => _scheduler = scheduler;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!_scheduler.IsRunning) return HealthCheckResult.Unhealthy("scheduler not running");
        var next = await _scheduler.NextFireTimesAsync(cancellationToken);
        return HealthCheckResult.Healthy("quartz running", next.ToDictionary(kv => kv.Key, kv => (object)(kv.Value?.UtcDateTime.ToString("O") ?? "none")));
    }
}
