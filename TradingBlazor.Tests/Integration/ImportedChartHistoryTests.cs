using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Adapters.Csv;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Engine.Charts;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Integration;

/// <summary>Imported history charts whole (it used to stop at the timeframe's window back from its last bar: 552 of 5,105 sessions).</summary>
public class ImportedChartHistoryTests
{
    [Fact]
    public async Task An_imported_daily_series_charts_every_bar()
    {
        await using var app = await TestApp.StartAsync();
        var store = app.Services.GetRequiredService<IBarStore>();
        var bars = BarCsvReader.ReadFile(SpxFixture.BarsPath, "SPX").Bars;
        await store.UpsertAsync(bars);

        var source = await app.Services.GetRequiredService<ChartSourceResolver>().ResolveAsync("SPX", Timeframe.Day1);
        using var session = new LiveChartSession("SPX", Timeframe.Day1, source);
        var snapshot = await session.LoadAsync(Array.Empty<Domain.Indicators.Registry.IndicatorSpec>());

        Assert.Equal(5_105, bars.Count);
        Assert.Equal(bars.Count, snapshot.Candles.Count);
        Assert.Equal(bars[0].StartUnixMs / 1000, snapshot.Candles[0].Time);
        Assert.Equal(bars[^1].StartUnixMs / 1000, snapshot.Candles[^1].Time);
        Assert.Equal("Imported history", snapshot.Source);
    }

    [Fact]
    public async Task A_series_longer_than_the_chart_holds_charts_about_its_latest_bars()
    {
        await using var app = await TestApp.StartAsync();
        var store = app.Services.GetRequiredService<IBarStore>();
        int count = ChartSourceResolver.MaxImportedCandles + 5_000;
        var start = new DateTime(2024, 1, 2, 14, 30, 0, DateTimeKind.Utc);
        await store.UpsertAsync(Enumerable.Range(0, count).Select(i => new Bar("LONG", Timeframe.Minute1, start.AddMinutes(i), 10, 11, 9, 10.5m, 100)));

        var source = await app.Services.GetRequiredService<ChartSourceResolver>().ResolveAsync("LONG", Timeframe.Minute1);
        using var session = new LiveChartSession("LONG", Timeframe.Minute1, source);
        var snapshot = await session.LoadAsync(Array.Empty<Domain.Indicators.Registry.IndicatorSpec>());

        Assert.InRange(snapshot.Candles.Count, ChartSourceResolver.MaxImportedCandles - 2, ChartSourceResolver.MaxImportedCandles + 2);
        Assert.Equal((start.AddMinutes(count - 1) - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerSecond, snapshot.Candles[^1].Time);
    }
}
