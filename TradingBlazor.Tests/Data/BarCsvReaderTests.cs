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

    [Fact]
    public void Values_the_store_cannot_hold_are_rejected_with_their_line_and_the_rest_kept()
    {
        var csv = string.Join('\n',
            "timestamp,open,high,low,close,volume",
            "2024-01-02T14:30:00Z,1,2,1,1.5,100",
            "2024-01-02T14:31:00Z,1,2,1,1.123456789,100",   // 9 decimals: prices are stored ×10^8
            "2024-01-02T14:32:00Z,1,2,1,1.5,1E15",          // volumes are stored ×10^4 in a long
            "2024-01-02T14:33:00Z,1,2,1,1.50000000000,100", // trailing zeros still fit exactly
            "2024-01-02T14:34:00Z,1,2,1,1.5,922337203685477.5807");
        var result = BarCsvReader.Read(new StringReader(csv), "X");
        Assert.Equal(new[] { new RejectedRow(3, "close 1.123456789 has more than 8 decimal places"), new RejectedRow(4, "volume 1E15 is too large to store") }, result.Rejected);
        Assert.Equal(new[] { 1.5m, 1.5m, 1.5m }, result.Bars.Select(b => b.Close));
        Assert.Equal(922337203685477.5807m, result.Bars[^1].Volume);
    }

    [Fact]
    public void Quoted_fields_crlf_blank_lines_and_header_case_are_read()
    {
        var csv = "\"DATE\",\"Open\",HIGH,low,\"Close\",\"Adj Close\",Volume,\"Note\"\r\n" +
                  "\"2024-07-03\",\"100\",101,99,\" 100.5 \",100.4,1000,\"split, then \"\"news\"\"\"\r\n" +
                  "\r\n" +
                  "2024-07-05,100.5,102,100,101,100.9,\"1,200\",x\r\n" + // a comma inside quotes is not a separator
                  "2024-07-08,100.5,99,100,101,100.9,1200,x\r\n";
        var result = BarCsvReader.Read(new StringReader(csv), "SPY");
        Assert.Equal("yahoo", result.Format);
        Assert.Equal(new[] { 100.5m }, result.Bars.Select(b => b.Close));
        // Lines count as written: the blank line 3 is skipped, not renumbered.
        Assert.Equal(new[] { new RejectedRow(4, "bad volume '1,200'"), new RejectedRow(5, "high 99 is below max(open, close) 101") }, result.Rejected);
    }

    [Fact]
    public void A_new_york_time_the_clocks_skip_is_a_bad_row_not_a_crash()
    {
        var csv = "timestamp,open,high,low,close,volume\n2024-03-10 02:30,1,1,1,1,1\n2024-03-11 09:30,1,1,1,1,1\n";
        var result = BarCsvReader.Read(new StringReader(csv), "X");
        Assert.Equal(new RejectedRow(2, "bad timestamp '2024-03-10 02:30'"), Assert.Single(result.Rejected));
        Assert.Equal(new DateTime(2024, 3, 11, 13, 30, 0, DateTimeKind.Utc), Assert.Single(result.Bars).StartUtc);
    }

    [Theory]
    [InlineData("2023-12-31T23:59:59Z", "2023-12-31T23:59:59")]
    [InlineData("2024-02-29", "2024-02-29T14:30:00")] // a session: the 09:30 New York open (EST)
    [InlineData("2024-02-29T09:30:00+01:00", "2024-02-29T08:30:00")]
    [InlineData("2024-02-30", null)]
    [InlineData("2024-13-01T00:00:00Z", null)]
    [InlineData("2024-01-02T1a:30:00Z", null)]
    public void Edge_dates_and_times_are_read_or_refused(string text, string? expectedUtc)
    {
        bool parsed = BarCsvReader.TryParseTime(text, out var utc, out _);
        Assert.Equal(expectedUtc is not null, parsed);
        if (expectedUtc is not null) Assert.Equal(DateTime.SpecifyKind(DateTime.Parse(expectedUtc), DateTimeKind.Utc), utc);
    }
}
