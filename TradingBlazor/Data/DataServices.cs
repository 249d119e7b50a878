using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingBlazor.Infrastructure.Configuration;

namespace TradingBlazor.Data;

public static class DataServices
{
    /// <summary>The SQLite store: a context factory (Blazor circuits are long-lived; contexts must not be) and startup migration.</summary>
    public static IServiceCollection AddTradingStore(this IServiceCollection services)
    {
        services.AddDbContextFactory<TradingDbContext>((sp, options) =>
            Configure(options, sp.GetRequiredService<IOptions<StorageSettings>>().Value.DatabasePath));
        services.AddHostedService<DatabaseInitializer>();
        services.AddSingleton<Queries.OverviewQueries>();
        services.AddSingleton<Domain.MarketData.IBarStore, MarketData.SqliteBarStore>();
        return services;
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string databasePath) =>
        options.UseSqlite($"Data Source={databasePath};Cache=Shared;Foreign Keys=True", sqlite => sqlite.CommandTimeout(30));
}
