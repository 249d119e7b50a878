using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Adapters.Simulated;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.MarketData;

public class BarStoreTests
{
    [Fact]
    public async Task Upserts_are_idempotent_and_range_reads_are_exact()
    {
        await using var app = await TestApp.StartAsync();
        var store = app.Services.GetRequiredService<IBarStore>();
        var model = new SimulatedPriceModel(new NyseCalendar(), 9);
        var bars = model.MinuteBars("AAPL", new DateOnly(2026, 11, 24)).Concat(model.MinuteBars("AAPL", new DateOnly(2026, 11, 25))).ToList();

        Assert.Equal(780, await store.UpsertAsync(bars));
        Assert.Equal(0, await store.UpsertAsync(bars)); // re-import adds nothing
        var changed = bars[10] with { Close = bars[10].Close, High = bars[10].High + 1m };
        Assert.Equal(0, await store.UpsertAsync(new[] { changed }));

        var read = await store.GetBarsAsync("AAPL", Timeframe.Minute1, bars[0].StartUtc, bars[^1].StartUtc.AddMinutes(1));
        Assert.Equal(780, read.Count);
        Assert.Equal(changed, read[10]);
        Assert.Equal(bars[500], read[500]);
        var series = Assert.Single(await store.ListSeriesAsync());
        Assert.Equal(("AAPL", Timeframe.Minute1, 780), (series.Symbol, series.Timeframe, series.Count));
    }
}
