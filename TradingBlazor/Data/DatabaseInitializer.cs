using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingBlazor.Infrastructure.Configuration;

namespace TradingBlazor.Data;

/// <summary>Creates the data directory, applies pending migrations (never EnsureCreated) and enables WAL at startup.</summary>
public sealed class DatabaseInitializer : IHostedService
{
    private readonly IDbContextFactory<TradingDbContext> _contexts;
    private readonly StorageSettings _storage;
    private readonly ILogger<DatabaseInitializer> _log;

    public DatabaseInitializer(IDbContextFactory<TradingDbContext> contexts, IOptions<StorageSettings> storage, ILogger<DatabaseInitializer> log)
    {
        _contexts = contexts;
        _storage = storage.Value;
        _log = log;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_storage.DatabasePath)!);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        // WAL lets the UI read while the engine writes; it is a property of the file, so setting it once sticks.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        _log.LogInformation("Database {Path} ready ({Count} migrations applied)", _storage.DatabasePath, pending.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
