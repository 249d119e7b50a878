using TradingBlazor.Adapters.Csv;
using TradingBlazor.Domain.MarketData;

namespace TradingBlazor.Tests.Data;

public class BarCsvReaderTests
{
    [Fact]
    public void Reads_the_yahoo_format_with_dates_as_sessions()
    {
        var csv = "Date,Open,High,Low,Close,Adj Close,Volume\n2024-07-03,100,101,99,100.5,100.4,1000\n2024-07-05,100.5,102,100,101,100.9,1200\n";
        var result = BarCsvReader.Read(new StringReader(csv), "SPY");
        Assert.Equal("yahoo", result.Format);
        Assert.Equal(2, result.Bars.Count);
        Assert.Equal(Timeframe.Day1, result.Bars[0].Timeframe);
        Assert.Equal(new DateTime(2024, 7, 3, 13, 30, 0, DateTimeKind.Utc), result.Bars[0].StartUtc); // 09:30 EDT
        Assert.Equal(100.5m, result.Bars[0].Close); // the close, not the adjusted close
    }

    [Theory]
    [InlineData("2024-01-02T14:30:00Z", "2024-01-02T14:30:00")]
    [InlineData("2024-01-02T09:30:00-05:00", "2024-01-02T14:30:00")]
    [InlineData("2024-07-02T09:30:00", "2024-07-02T13:30:00")] // no offset: New York time (EDT)
    [InlineData("2024-01-02 09:31", "2024-01-02T14:31:00")]
    public void Timestamps_follow_the_documented_rules(string text, string expectedUtc)
    {
        Assert.True(BarCsvReader.TryParseTime(text, out var utc, out bool dateOnly));
        Assert.False(dateOnly);
        Assert.Equal(DateTime.SpecifyKind(DateTime.Parse(expectedUtc), DateTimeKind.Utc), utc);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
    }

    [Fact]
    public void Bad_rows_are_rejected_with_reasons_and_good_rows_kept()
    {
        var csv = string.Join('\n',
            "timestamp,open,high,low,close,volume",
            "2024-01-02T14:30:00Z,10,11,9,10.5,100",
            "2024-01-02T14:31:00Z,10,11,10.2,10.1,100",  // low above min(open, close)
            "2024-01-02T14:30:00Z,10,11,9,10.5,100",     // time does not increase
            "2024-01-02T14:32:00Z,10,11,9,NaN,100",      // not a number
            "2024-01-02T14:33:00Z,10,11,9,10.5,-1",      // negative volume
            "yesterday,10,11,9,10.5,1",
            "2024-01-02T14:34:00Z,10,11,9,10.5,100");
        var result = BarCsvReader.Read(new StringReader(csv), "X");
        Assert.Equal(2, result.Bars.Count);
        Assert.Equal(new[] { 3, 4, 5, 6, 7 }, result.Rejected.Select(r => r.Line));
        Assert.Contains("low", result.Rejected[0].Reason);
        Assert.Contains("does not increase", result.Rejected[1].Reason);
        Assert.Contains("bad close", result.Rejected[2].Reason);
        Assert.Contains("negative", result.Rejected[3].Reason);
        Assert.Contains("bad timestamp", result.Rejected[4].Reason);
    }

    [Fact]
    public void A_header_without_prices_is_a_clear_error()
    {
        var ex = Assert.Throws<FormatException>(() => BarCsvReader.Read(new StringReader("timestamp,price\n"), "X"));
        Assert.Contains("open, high, low, close, volume", ex.Message);
    }
}
