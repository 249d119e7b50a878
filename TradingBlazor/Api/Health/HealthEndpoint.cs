using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
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
        services.AddSingleton<HostStartTime>().AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<SchedulerHealthCheck>("scheduler")
            .AddCheck<MarketDataHealthCheck>("marketData")
            .AddCheck<BrokerHealthCheck>("broker");

    public static IEndpointConventionBuilder MapTradingBlazorHealth(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthChecks(Path, new HealthCheckOptions
        {
            ResponseWriter = WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).DisableHttpMetrics();

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            version = typeof(HealthEndpoint).Assembly.GetName().Version?.ToString(),
            uptimeSeconds = (long)http.RequestServices.GetRequiredService<HostStartTime>().Uptime.TotalSeconds,
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                data = e.Value.Data.Count > 0 ? e.Value.Data : null,
            }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}

/// <summary>When this host was built, on the app's clock (uptime in /health).</summary>
public sealed class HostStartTime(TimeProvider clock)
{
    private readonly long _started = clock.GetTimestamp();

    public TimeSpan Uptime => clock.GetElapsedTime(_started);
}
