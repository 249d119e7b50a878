using TradingBlazor.Engine.Backtesting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Data;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Engine.Brokerage;
using TradingBlazor.Services;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Data;

/// <summary>
/// A database file written by the previous platform (net9.0, EF Core 6.0.7: S&amp;P bars, 1-minute AAPL bars, three
/// backtest runs and the stored broker choice) opens and upgrades under EF Core 10 with nothing lost.
/// </summary>
public class LegacyDatabaseTests
{
    private static readonly string Fixture = Path.Combine(TestPaths.RepositoryRoot, "TradingBlazor.Tests", "Data", "Fixtures", "tradingblazor-v1.db");

    [Fact]
    public async Task A_database_written_by_the_ef6_app_opens_upgrades_and_keeps_every_row()
    {
        var dataDirectory = TestPaths.NewTempDirectory("tb-legacy");
        File.Copy(Fixture, Path.Combine(dataDirectory, "tradingblazor.db"));
        await using var app = await TestApp.StartInAsync(dataDirectory);

        var contexts = app.Services.GetRequiredService<IDbContextFactory<TradingDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.Equal(5105, await db.PriceBars.CountAsync(b => b.Symbol == "SPX"));
            Assert.Equal(1170, await db.PriceBars.CountAsync(b => b.Symbol == "AAPL"));
        }

        // Bars read back exactly (prices were stored as scaled integers by EF 6).
        var store = app.Services.GetRequiredService<IBarStore>();
        var spx = await store.GetBarsAsync("SPX", Timeframe.Day1, DateTime.UnixEpoch, new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(5105, spx.Count);
        Assert.Equal(new DateTime(2000, 1, 3, 14, 30, 0, DateTimeKind.Utc), spx[0].StartUtc);
        Assert.Equal((1469.25m, 1478m, 1438.359985m, 1455.219971m, 931800000m), (spx[0].Open, spx[0].High, spx[0].Low, spx[0].Close, spx[0].Volume));
        Assert.Equal(new DateTime(2020, 4, 17, 13, 30, 0, DateTimeKind.Utc), spx[^1].StartUtc);
        Assert.Equal(2874.560059m, spx[^1].Close);
        var aapl = await store.GetBarsAsync("AAPL", Timeframe.Minute1, DateTime.UnixEpoch, new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal((174.83m, 43911m), (aapl[0].Open, aapl[0].Volume));
        Assert.Equal(181.62m, aapl[^1].Close);

        // The stored runs, with their summaries, still list and open in the Lab.
        var lab = app.Services.GetRequiredService<IBacktestLab>();
        var runs = (await lab.ListRunsAsync(0, 10)).Runs;
        Assert.Equal(new long[] { 3, 2, 1 }, runs.Select(r => r.Id));
        Assert.Equal(15844.517686m, runs.Single(r => r.Id == 1).FinalEquity);
        Assert.Equal(16402.86204474m, runs.Single(r => r.Id == 2).FinalEquity);
        Assert.Equal(9344.889908m, runs.Single(r => r.Id == 3).FinalEquity);
        Assert.All(runs, r => Assert.Equal(BacktestStatus.Completed, r.Status));
        var whole = await lab.OpenRunAsync(1);
        Assert.Equal(87, whole!.Trades.Count);
        Assert.Equal(87, whole.Run.Summary!.Value.GetProperty("closed_trades").GetInt32());

        // The broker choice survived, and new rows are written next to the old ones.
        Assert.Equal(BrokerMode.Simulated, app.Services.GetRequiredService<BrokerConnection>().Mode);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "tradingblazor.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM app_settings WHERE key = 'broker.mode'";
        Assert.Equal("Simulated", await command.ExecuteScalarAsync());
    }
}
