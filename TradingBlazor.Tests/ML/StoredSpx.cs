using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Adapters.Csv;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.ML;

/// <summary>The S&amp;P 500 fixture's bars in an app's store, as an import of its CSV leaves them.</summary>
public static class StoredSpx
{
    /// <summary>The first <paramref name="sessions"/> daily bars of the fixture, stored as SPX (what an import of its CSV gives).</summary>
    public static async Task StoreAsync(IServiceProvider services, int sessions = 1_800)
    {
        var bars = BarCsvReader.ReadFile(SpxFixture.BarsPath, "SPX", Timeframe.Day1).Bars.Take(sessions).ToList();
        Assert.Equal(sessions, await services.GetRequiredService<IBarStore>().UpsertAsync(bars));
    }

}
