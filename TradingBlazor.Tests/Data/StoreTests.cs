using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Data;
using TradingBlazor.Data.Entities;
using TradingBlazor.Data.Queries;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Data;

/// <summary>The real SQLite file the app creates at startup.</summary>
public class StoreTests
{
    [Fact]
    public async Task A_fresh_database_gets_every_migration_and_wal_mode()
    {
        await using var app = await TestApp.StartAsync();
        var contexts = app.Services.GetRequiredService<IDbContextFactory<TradingDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();

        var known = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(known);
        Assert.Equal(known, await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());

        var path = Path.Combine(app.DataDirectory, "tradingblazor.db");
        Assert.True(File.Exists(path));
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        Assert.Equal("wal", await Scalar(connection, "PRAGMA journal_mode;"));
        foreach (var table in new[] { "bots", "orders", "fills", "trades", "signals", "positions", "price_bars" })
            Assert.Equal(1L, await Scalar(connection, $"SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name='{table}'"));
    }

    [Fact]
    public async Task Money_is_exact_through_sql_sums_and_sorts()
    {
        await using var app = await TestApp.StartAsync();
        var contexts = app.Services.GetRequiredService<IDbContextFactory<TradingDbContext>>();
        var exit = DateTime.UtcNow;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            // 0.1 + 0.2 style values that binary floating point cannot add exactly.
            foreach (var pnl in new[] { 0.10m, 0.20m, -0.05m, 1234.56789012m })
                db.Trades.Add(new TradeRecord { Symbol = "SPY", Quantity = 0.5m, EntryPrice = 100m, EntryAt = exit.AddHours(-1), ExitPrice = 101m, ExitAt = exit, RealizedPnl = pnl });
            await db.SaveChangesAsync();
        }

        var overview = await app.Services.GetRequiredService<OverviewQueries>().GetOverviewAsync(exit.AddMinutes(-1));
        Assert.Equal(4, overview.TradesClosedSince);
        Assert.Equal(1234.81789012m, overview.RealizedPnlSince);

        await using var read = await contexts.CreateDbContextAsync();
        var sorted = await read.Trades.OrderBy(t => t.RealizedPnl).Select(t => t.RealizedPnl).ToListAsync();
        Assert.Equal(new decimal?[] { -0.05m, 0.10m, 0.20m, 1234.56789012m }, sorted);
        Assert.All(await read.Trades.ToListAsync(), t => Assert.Equal(DateTimeKind.Utc, t.EntryAt.Kind));
    }

    [Fact]
    public async Task Price_bars_are_unique_per_symbol_timeframe_and_time()
    {
        await using var app = await TestApp.StartAsync();
        var contexts = app.Services.GetRequiredService<IDbContextFactory<TradingDbContext>>();
        var t = new DateTime(2026, 11, 20, 14, 30, 0, DateTimeKind.Utc);
        PriceBarRecord Bar() => new() { Symbol = "AAPL", Timeframe = "1m", Timestamp = t, Open = 1, High = 2, Low = 0.5m, Close = 1.5m, Volume = 100 };
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.PriceBars.Add(Bar());
            await db.SaveChangesAsync();
        }
        await using var db2 = await contexts.CreateDbContextAsync();
        db2.PriceBars.Add(Bar());
        await Assert.ThrowsAsync<DbUpdateException>(() => db2.SaveChangesAsync());
    }

    [Fact]
    public async Task Bot_status_is_stored_by_name()
    {
        await using var app = await TestApp.StartAsync();
        var contexts = app.Services.GetRequiredService<IDbContextFactory<TradingDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.Bots.Add(new BotRecord { Name = "rsi-spy", ConfigJson = "{}", Status = BotStatus.Paused, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(app.DataDirectory, "tradingblazor.db")}");
        await connection.OpenAsync();
        Assert.Equal("Paused", await Scalar(connection, "SELECT status FROM bots WHERE name='rsi-spy'"));
    }

    private static async Task<object?> Scalar(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
