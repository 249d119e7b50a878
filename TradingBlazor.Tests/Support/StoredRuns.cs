using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Data;
using TradingBlazor.Data.Entities;
using TradingBlazor.Engine.Backtesting;

namespace TradingBlazor.Tests.Support;

/// <summary>Finished backtests written straight into an app's store: run i returns i% and carries 500 equity points.</summary>
public static class StoredRuns
{
    public static async Task SeedAsync(IServiceProvider services, int count)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<TradingDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var equity = "[" + string.Join(",", Enumerable.Repeat("""{"t":"2025-01-02T14:30:00Z","e":10000}""", 500)) + "]";
        for (int i = 1; i <= count; i++)
            db.BacktestRuns.Add(new BacktestRunRecord
            {
                Name = $"run {i}", RequestJson = "{}", Symbols = "SPY", Timeframe = "1d", Source = "simulated", Status = BacktestStatus.Completed,
                FromUtc = new DateTime(2025, 1, 2, 5, 0, 0, DateTimeKind.Utc), ToUtc = new DateTime(2025, 2, 1, 5, 0, 0, DateTimeKind.Utc),
                SummaryJson = $$"""{ "total_return_pct": {{i}}, "sharpe": 1.5, "max_drawdown_pct": 4 }""", EquityJson = equity, TradesJson = "[]",
                FinalEquity = 10_000 + 100 * i, CreatedAt = new DateTime(2025, 3, 1, 12, 0, i % 60, DateTimeKind.Utc),
            });
        await db.SaveChangesAsync();
    }
}
