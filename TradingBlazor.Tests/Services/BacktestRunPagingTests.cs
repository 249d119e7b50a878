using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Data;
using TradingBlazor.Data.Entities;
using TradingBlazor.Engine.Backtesting;
using TradingBlazor.Services;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Services;

/// <summary>The Lab's run list pages through the real store and never reads a run's equity or trades.</summary>
public class BacktestRunPagingTests
{
    [Fact]
    public async Task A_page_holds_its_runs_newest_first_with_the_total_and_no_documents()
    {
        await using var app = await TestApp.StartAsync();
        var contexts = app.Services.GetRequiredService<IDbContextFactory<TradingDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            for (int i = 1; i <= 25; i++)
                db.BacktestRuns.Add(new BacktestRunRecord
                {
                    Name = $"run {i}", RequestJson = "{}", Symbols = "SPY", Timeframe = "1d", Source = "simulated", Status = BacktestStatus.Completed,
                    FromUtc = new DateTime(2025, 1, 2, 5, 0, 0, DateTimeKind.Utc), ToUtc = new DateTime(2025, 2, 1, 5, 0, 0, DateTimeKind.Utc),
                    SummaryJson = $$"""{ "total_return_pct": {{i}} }""", EquityJson = "[" + string.Join(",", Enumerable.Repeat("""{"t":"2025-01-02T14:30:00Z","e":10000}""", 500)) + "]",
                    TradesJson = "[]", FinalEquity = 10_000 + i, CreatedAt = new DateTime(2025, 3, 1, 12, 0, i, DateTimeKind.Utc),
                });
            await db.SaveChangesAsync();
        }

        var page = await app.Services.GetRequiredService<IBacktestLab>().ListRunsAsync(10, 10);
        var (records, total) = await app.Services.GetRequiredService<BacktestService>().PageAsync(20, 10);

        Assert.Equal(25, page.Total);
        Assert.Equal(Enumerable.Range(6, 10).Reverse().Select(i => (long)i), page.Runs.Select(r => r.Id));
        Assert.Equal(15, page.Runs[0].Summary!.Value.GetProperty("total_return_pct").GetInt32());
        Assert.Equal((25, 5), (total, records.Count));
        Assert.All(records, r => Assert.True(r.EquityJson is null && r.TradesJson is null && r.RequestJson == ""));
    }
}
