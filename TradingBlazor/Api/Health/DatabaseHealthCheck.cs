using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TradingBlazor.Data;

namespace TradingBlazor.Api.Health;

/// <summary>
/// The store is healthy when a query round-trips and no migration is pending. Migrations are only applied at start-up,
/// so once none is pending the answer is kept: each probe is then one cheap query (a probe per second must not cost
/// a scan of the migrations history).
/// </summary>
public sealed class DatabaseHealthCheck : IHealthCheck
{
    private readonly IDbContextFactory<TradingDbContext> _contexts;
    private int? _applied; // the migrations count once none was pending

    public DatabaseHealthCheck(IDbContextFactory<TradingDbContext> contexts) => _contexts = contexts;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
            if (_applied is not { } applied)
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                if (pending.Count > 0)
                    return HealthCheckResult.Unhealthy($"{pending.Count} migrations pending");
                _applied = applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Count();
            }
            await db.Bots.CountAsync(cancellationToken);
            return HealthCheckResult.Healthy("sqlite ok", new Dictionary<string, object> { ["migrations"] = applied });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("database unreachable: " + ex.Message);
        }
    }
}
