using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Adapters.Csv;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Engine.MarketData;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.BadInput;

/// <summary>CSV files that look almost right get a message naming what is wrong, and nothing is stored under the wrong timeframe.</summary>
public class CsvImportEdgeTests
{
    private const string Header = "timestamp,open,high,low,close,volume";

    [Fact]
    public void Leading_blank_lines_are_named_as_the_cause()
    {
        var ex = Assert.Throws<FormatException>(() => BarCsvReader.Read(new StringReader($"\n\n{Header}\n2024-01-02,1,2,1,1.5,100\n"), "X"));
        Assert.Equal($"The CSV file starts with 2 blank line(s); the header ({Header}) must be the first line.", ex.Message);
    }

    [Fact]
    public void A_file_of_blank_lines_says_so()
    {
        var ex = Assert.Throws<FormatException>(() => BarCsvReader.Read(new StringReader("\n \n\n"), "X"));
        Assert.Equal("The CSV file has only blank lines.", ex.Message);
    }

    [Theory]
    [InlineData(';', "semicolons (;)")]
    [InlineData('\t', "tabs")]
    public void A_file_separated_by_something_else_is_named_as_such(char separator, string named)
    {
        var csv = Header.Replace(',', separator) + "\n" + "2024-01-02,1,2,1,1.5,100".Replace(',', separator);
        var ex = Assert.Throws<FormatException>(() => BarCsvReader.Read(new StringReader(csv), "X"));
        Assert.Equal($"The CSV file is separated by {named}; bar files are comma-separated: {Header}.", ex.Message);
    }

    [Fact]
    public void Intraday_rows_after_a_date_alone_are_rejected_not_stored_as_daily_bars()
    {
        var csv = string.Join('\n', Header, "2024-01-02,1,2,1,1.5,100", "2024-01-03T14:30:00Z,1,2,1,1.5,100", "2024-01-04,1,2,1,1.5,100");
        var result = BarCsvReader.Read(new StringReader(csv), "X");

        Assert.Equal(new[] { new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 4) }, result.Bars.Select(b => DateOnly.FromDateTime(b.StartUtc)));
        Assert.All(result.Bars, b => Assert.Equal(Timeframe.Day1, b.Timeframe));
        Assert.Equal(new[] { new RejectedRow(3, "a time of day among rows with dates alone (daily bars)") }, result.Rejected);
    }

    [Fact]
    public void A_date_alone_after_intraday_rows_is_rejected()
    {
        var csv = string.Join('\n', Header, "2024-01-02T14:30:00Z,1,2,1,1.5,100", "2024-01-03,1,2,1,1.5,100");
        var result = BarCsvReader.Read(new StringReader(csv), "X");

        Assert.Equal(Timeframe.Minute1, Assert.Single(result.Bars).Timeframe);
        Assert.Equal(new[] { new RejectedRow(3, "a date alone (a daily bar) among rows with times of day") }, result.Rejected);
    }

    [Fact]
    public async Task An_intraday_timeframe_on_daily_dates_is_refused_and_stores_nothing()
    {
        await using var app = await TestApp.StartAsync();
        var csv = string.Join('\n', Header, "2024-01-02,1,2,1,1.5,100", "2024-01-03,1,2,1,1.5,100");

        var ex = await Assert.ThrowsAsync<FormatException>(() =>
            app.Services.GetRequiredService<BarImportService>().ImportAsync(new StringReader(csv), "ACME", Timeframe.Minute1));

        Assert.Equal("line 2: '2024-01-02' is a date alone (a daily bar) but the timeframe is 1m; give each row a time of day, or import it as 1d.", ex.Message);
        Assert.Empty(await app.Services.GetRequiredService<IBarStore>().ListSeriesAsync());
    }

    [Fact]
    public async Task The_cli_refuses_timeframe_1m_on_daily_dates_in_one_line()
    {
        var input = Path.Combine(TestPaths.NewTempDirectory(), "daily.csv");
        await File.WriteAllTextAsync(input, $"{Header}\n2024-01-02,1,2,1,1.5,100\n");
        var env = new Dictionary<string, string> { ["Storage__DataDirectory"] = TestPaths.NewTempDirectory() };

        var result = await AppProcess.RunAsync(env, new[] { "import", "--input", input, "--symbol", "X", "--timeframe", "1m" }, TimeSpan.FromSeconds(60));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: line 2: '2024-01-02' is a date alone (a daily bar) but the timeframe is 1m; give each row a time of day, or import it as 1d.", result.StdErr.Trim());
    }
}
