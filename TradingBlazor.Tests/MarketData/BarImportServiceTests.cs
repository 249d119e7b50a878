using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Adapters.Csv;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Engine.MarketData;
using TradingBlazor.Tests.Data;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.MarketData;

public class BarImportServiceTests
{
    [Fact]
    public async Task Rows_the_store_cannot_hold_are_rejected_and_the_rest_imported()
    {
        await using var app = await TestApp.StartAsync();
        var csv = string.Join('\n',
            "timestamp,open,high,low,close,volume",
            "2024-01-02T14:30:00Z,1,2,1,1.5,100",
            "2024-01-02T14:31:00Z,1,2,1,1.123456789,100",
            "2024-01-02T14:32:00Z,1,2,1,1.5,1E15",
            "2024-01-02T14:33:00Z,1,2,1,1.5,100");
        var report = await app.Services.GetRequiredService<BarImportService>().ImportAsync(new StringReader(csv), "acme", null);

        Assert.Equal((2, 2, 0), (report.Accepted, report.Added, report.Updated));
        Assert.Equal(new[] { new RejectedRow(3, "close 1.123456789 has more than 8 decimal places"), new RejectedRow(4, "volume 1E15 is too large to store") }, report.Rejected);
        Assert.Equal((new DateTime(2024, 1, 2, 14, 30, 0, DateTimeKind.Utc), new DateTime(2024, 1, 2, 14, 33, 0, DateTimeKind.Utc)), (report.FirstUtc!.Value, report.LastUtc!.Value));
        var series = Assert.Single(await app.Services.GetRequiredService<IBarStore>().ListSeriesAsync());
        Assert.Equal(("ACME", Timeframe.Minute1, 2), (series.Symbol, series.Timeframe, series.Count));
    }

    [Fact]
    public async Task A_file_that_fails_part_way_stores_nothing()
    {
        await using var app = await TestApp.StartAsync();
        var csv = "timestamp,open,high,low,close,volume\n2024-01-02T14:30:00Z,1,1,1,1,1\n2024-01-02T14:31:00Z,1,1,1,1,1\n" + new string('x', 100_000);
        var ex = await Assert.ThrowsAsync<FormatException>(() => app.Services.GetRequiredService<BarImportService>().ImportAsync(new StringReader(csv), "ACME", null));
        Assert.Equal($"line 4 {BarCsvRowLimitTests.TooLong}", ex.Message);
        Assert.Empty(await app.Services.GetRequiredService<IBarStore>().ListSeriesAsync());
    }
}
