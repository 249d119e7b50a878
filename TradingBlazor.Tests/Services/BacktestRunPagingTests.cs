using Microsoft.Extensions.DependencyInjection;
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
        await StoredRuns.SeedAsync(app.Services, 25);

        var page = await app.Services.GetRequiredService<IBacktestLab>().ListRunsAsync(10, 10);
        var (records, total) = await app.Services.GetRequiredService<BacktestService>().PageAsync(20, 10);

        Assert.Equal(25, page.Total);
        Assert.Equal(Enumerable.Range(6, 10).Reverse().Select(i => (long)i), page.Runs.Select(r => r.Id));
        Assert.Equal(15, page.Runs[0].Summary!.Value.GetProperty("total_return_pct").GetInt32());
        Assert.Equal((25, 5), (total, records.Count));
        Assert.All(records, r => Assert.True(r.EquityJson is null && r.TradesJson is null && r.RequestJson == ""));
    }
}
