using TradingBlazor.Adapters.Csv;

namespace TradingBlazor.Tests.Data;

public class CsvWriterTests
{
    private static string Row(Func<CsvWriter, CsvWriter> cells) => cells(new CsvWriter("h")).EndRow().ToString()["h\r\n".Length..^2];

    [Fact]
    public void Money_is_to_the_cent_and_returns_to_four_decimals_whatever_a_division_left()
    {
        decimal pnl = 10m / 3m; // 3.3333333333333333333333333333
        decimal ret = -1.1560050145180534539781758700m;

        Assert.Equal("3.33,-1.1560,-0.01,0.00,,", Row(c => c.Money(pnl).Ratio(ret).Money(-0.005m).Money(-0.004m).Money(null).Ratio(null)));
    }

    [Theory]
    [InlineData("12.500000000", "12.5")]
    [InlineData("6.8565004414478960", "6.856500441")]
    [InlineData("100", "100")]
    [InlineData("0.000000001", "0.000000001")]
    public void Quantities_keep_their_digits_up_to_a_billionth_of_a_share_and_no_trailing_zeros(string stored, string written)
    {
        var quantity = decimal.Parse(stored, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(written, Row(c => c.Quantity(quantity)));
    }

    [Fact]
    public void Text_is_quoted_only_when_it_must_be_and_times_are_iso_utc()
    {
        var time = new DateTime(2025, 3, 12, 14, 30, 0, DateTimeKind.Utc);

        Assert.Equal("plain,\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\",,2025-03-12T14:30:00Z,2025-03-12T14:30:00.5Z,42",
            Row(c => c.Text("plain").Text("a, b").Text("say \"hi\"").Text("two\nlines").Text(null).Time(time).Time(time.AddMilliseconds(500)).Integer(42)));
    }

    [Fact]
    public void Rows_end_with_the_chosen_line_break_after_the_header()
    {
        var crlf = new CsvWriter("a,b").Integer(1).Integer(2).EndRow().Integer(3).Integer(4).EndRow().ToString();
        var lf = new CsvWriter("a,b", "\n").Integer(1).Integer(2).EndRow().ToString();

        Assert.Equal("a,b\r\n1,2\r\n3,4\r\n", crlf);
        Assert.Equal("a,b\n1,2\n", lf);
    }
}
