using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TradingBlazor.Data;

namespace TradingBlazor.Api.Health;

/// <summary>The store is healthy when a query round-trips and no migration is pending.</summary>
public sealed class DatabaseHealthCheck : IHealthCheck
{
    private readonly IDbContextFactory<TradingDbContext> _contexts;

    public DatabaseHealthCheck(IDbContextFactory<TradingDbContext> contexts) => _contexts = contexts;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
                return HealthCheckResult.Unhealthy($"{pending.Count} migrations pending");
            var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Count();
            await db.Bots.CountAsync(cancellationToken);
            return HealthCheckResult.Healthy("sqlite ok", new Dictionary<string, object> { ["migrations"] = applied });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("database unreachable: " + ex.Message);
        }
    }
}
