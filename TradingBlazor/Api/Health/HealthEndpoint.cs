using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TradingBlazor.Api.Health;

/// <summary>
/// GET /health: JSON with every component's state. Essential components (database, scheduler) failing make it
/// 503; non-essential ones (broker, data feeds) report "Degraded" with 200 so a container is not restarted for them.
/// </summary>
public static class HealthEndpoint
{
    public const string Path = "/health";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static IHealthChecksBuilder AddTradingBlazorHealthChecks(this IServiceCollection services) =>
        services.AddSingleton<HostStartTime>().AddSingleton<DatabaseHealthCheck>().AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<SchedulerHealthCheck>("scheduler")
            .AddCheck<MarketDataHealthCheck>("marketData")
            .AddCheck<BrokerHealthCheck>("broker");

    /// <summary>A minimal-API endpoint (not MapHealthChecks) so that the OpenAPI document describes it too.</summary>
    public static IEndpointConventionBuilder MapTradingBlazorHealth(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, async (HttpContext http, HealthCheckService health, HostStartTime started, CancellationToken ct) =>
        {
            var report = await health.CheckHealthAsync(ct);
            var body = new HealthView(
                report.Status.ToString(),
                typeof(HealthEndpoint).Assembly.GetName().Version?.ToString(),
                (long)started.Uptime.TotalSeconds,
                report.Entries.ToDictionary(e => e.Key, e => new ComponentHealthView(
                    e.Value.Status.ToString(), e.Value.Description, Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                    e.Value.Data.Count > 0 ? e.Value.Data : null)));
            // Degraded components (broker, data feeds) still answer 200 so that a container is not restarted for them.
            var code = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
            http.Response.Headers.CacheControl = "no-store, no-cache";
            return Results.Json(body, Json, statusCode: code);
        }).Produces<HealthView>().Produces<HealthView>(StatusCodes.Status503ServiceUnavailable)
          .WithTags("Health").WithName("GetHealth").WithSummary("Each component's state; 503 when the database or the scheduler is down.")
          .DisableHttpMetrics();
}

public sealed record ComponentHealthView(string Status, string? Description, double DurationMs, IReadOnlyDictionary<string, object>? Data);

public sealed record HealthView(string Status, string? Version, long UptimeSeconds, IReadOnlyDictionary<string, ComponentHealthView> Checks);

/// <summary>When this host was built, on the app's clock (uptime in /health).</summary>
public sealed class HostStartTime(TimeProvider clock)
{
    private readonly long _started = clock.GetTimestamp();

    public TimeSpan Uptime => clock.GetElapsedTime(_started);
}
