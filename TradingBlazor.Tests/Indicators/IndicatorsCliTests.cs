using System.Globalization;
using TradingBlazor.Cli;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Indicators;

/// <summary>The indicators command end to end: the real executable for exit codes and stderr, in-process for content.</summary>
public class IndicatorsCliTests
{
    [Fact]
    public void Writes_timestamp_and_named_columns_matching_the_reference()
    {
        var output = Path.Combine(TestPaths.NewTempDirectory(), "out.csv");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliRunner.Run(new[] { "indicators", "--input", SpxFixture.BarsPath, "--indicator", "rsi(14)", "--indicator", "macd(12,26,9)", "--indicator", "obv", "--output", output }, stdout, stderr);

        Assert.Equal(0, code);
        Assert.Equal("", stderr.ToString());
        var lines = File.ReadAllLines(output);
        Assert.Equal("timestamp,rsi_14,macd_12_26_9_macd,macd_12_26_9_signal,macd_12_26_9_hist,obv", lines[0]);
        Assert.Equal(SpxFixture.Bars.Length + 1, lines.Length);
        Assert.StartsWith("2000-01-03,,,,,", lines[1]); // warm-up cells empty

        var rsi = SpxFixture.ReadReference("rsi_14.csv")["rsi"];
        var signal = SpxFixture.ReadReference("macd_12_26_9.csv")["signal"];
        for (int i = 0; i < rsi.Length; i++)
        {
            var cells = lines[i + 1].Split(',');
            Assert.Equal(double.IsNaN(rsi[i]) ? "" : rsi[i].ToString("R", CultureInfo.InvariantCulture), cells[1]);
            Assert.Equal(double.IsNaN(signal[i]) ? "" : signal[i].ToString("R", CultureInfo.InvariantCulture), cells[3]);
        }
    }

    [Theory]
    [InlineData(new[] { "indicators", "--indicator", "rsi(14)" }, "--input is required")]
    [InlineData(new[] { "indicators", "--input", "missing.csv", "--indicator", "rsi(14)" }, "does not exist")]
    [InlineData(new[] { "indicators", "--input", "BARS", "--indicator", "rsi(0)" }, "period must be between")]
    [InlineData(new[] { "indicators", "--input", "BARS", "--indicator", "nope(3)" }, "Unknown indicator 'nope'")]
    [InlineData(new[] { "indicators", "--input", "BARS", "--indicatr", "rsi" }, "unknown option --indicatr")]
    [InlineData(new[] { "bench", "everything" }, "unknown benchmark")]
    public async Task Bad_input_gets_one_line_and_a_non_zero_exit(string[] args, string expected)
    {
        var real = args.Select(a => a == "BARS" ? SpxFixture.BarsPath : a).ToArray();
        var result = await AppProcess.RunAsync(new Dictionary<string, string>(), real, TimeSpan.FromSeconds(60));
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains(expected, line);
    }

    [Fact]
    public void Bad_rows_in_the_input_are_reported_with_their_line()
    {
        var dir = TestPaths.NewTempDirectory();
        var input = Path.Combine(dir, "bad.csv");
        File.WriteAllText(input, "timestamp,open,high,low,close,volume\n2024-01-02,10,11,9,10.5,100\n2024-01-03,10,9,8,10.5,100\n2024-01-04,10,11,9,10.5,-5\n");
        var stderr = new StringWriter();
        Assert.Equal(2, CliRunner.Run(new[] { "indicators", "--input", input, "--indicator", "sma(2)" }, new StringWriter(), stderr));
        Assert.Equal("error: bad.csv line 3: high 9 is below max(open, close) 10.5 (and 1 more bad rows)", stderr.ToString().Trim());
    }
}
