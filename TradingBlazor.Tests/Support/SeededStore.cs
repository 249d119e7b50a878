using Microsoft.EntityFrameworkCore;
using TradingBlazor.Data;
using TradingBlazor.Data.Entities;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Brokerage;

namespace TradingBlazor.Tests.Support;

/// <summary>
/// The app's SQLite file as a test prepares it before starting the app in another process (broker mode, a running bot)
/// and reads it while that process runs (no pooling: a killed process must not leave connections behind here).
/// </summary>
public sealed class SeededStore(string databasePath)
{
    public TradingDbContext Open() => new(new DbContextOptionsBuilder<TradingDbContext>().UseSqlite($"Data Source={databasePath};Pooling=False").Options);

    /// <summary>A fresh store whose broker is Alpaca paper and which holds one running bot.</summary>
    public async Task SeedAlpacaBotAsync(string botJson)
    {
        var config = BotConfig.Parse(botJson);
        Assert.Empty(BotConfigValidator.Validate(config));
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        await using var db = Open();
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        var now = DateTime.UtcNow;
        db.AppSettings.Add(new AppSettingRecord { Key = BrokerConnection.SettingKey, Value = nameof(BrokerMode.AlpacaPaper), UpdatedAt = now });
        db.Bots.Add(new BotRecord { Name = config.Name, ConfigJson = config.ToJson(), Status = BotStatus.Running, CreatedAt = now, UpdatedAt = now });
        await db.SaveChangesAsync();
    }

    public async Task<List<OrderRecord>> OrdersAsync()
    {
        await using var db = Open();
        return await db.Orders.AsNoTracking().OrderBy(o => o.Id).ToListAsync();
    }

    public async Task<List<FillRecord>> FillsAsync()
    {
        await using var db = Open();
        return await db.Fills.AsNoTracking().OrderBy(f => f.Id).ToListAsync();
    }
}
