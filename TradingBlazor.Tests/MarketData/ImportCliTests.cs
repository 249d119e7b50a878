using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.MarketData;

public class ImportCliTests
{
    [Fact]
    public async Task Importing_the_same_file_twice_adds_nothing_the_second_time()
    {
        var data = TestPaths.NewTempDirectory();
        var env = new Dictionary<string, string> { ["Storage__DataDirectory"] = data };
        var args = new[] { "import", "--input", SpxFixture.BarsPath, "--symbol", "spx" };

        var first = await AppProcess.RunAsync(env, args, TimeSpan.FromSeconds(120));
        Assert.True(first.ExitCode == 0, first.StdErr);
        Assert.Contains("SPX 1d: 5105 rows accepted (5105 new, 0 already stored), 0 rejected; format plain", first.StdOut);

        var second = await AppProcess.RunAsync(env, args, TimeSpan.FromSeconds(120));
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("5105 rows accepted (0 new, 5105 already stored)", second.StdOut);
        Assert.True(File.Exists(Path.Combine(data, "tradingblazor.db")));
    }

    [Fact]
    public async Task A_bad_symbol_is_one_line_and_a_non_zero_exit()
    {
        var result = await AppProcess.RunAsync(new Dictionary<string, string>(), new[] { "import", "--input", SpxFixture.BarsPath, "--symbol", "S P X!" }, TimeSpan.FromSeconds(60));
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: 'S P X!' is not a valid symbol (letters, digits, '.' or '-', at most 12).", result.StdErr.Trim());
    }

    [Fact]
    public async Task A_file_without_line_breaks_is_one_line_and_a_non_zero_exit()
    {
        var input = TradingBlazor.Tests.Data.BarCsvRowLimitTests.OneLineFile(5 << 20);
        var result = await AppProcess.RunAsync(new Dictionary<string, string>(), new[] { "import", "--input", input, "--symbol", "X" }, TimeSpan.FromSeconds(60));
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: line 1 {TradingBlazor.Tests.Data.BarCsvRowLimitTests.TooLong}", result.StdErr.Trim());
    }
}
