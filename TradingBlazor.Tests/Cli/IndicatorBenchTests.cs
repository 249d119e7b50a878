using System.Globalization;
using TradingBlazor.Cli;

namespace TradingBlazor.Tests.Cli;

/// <summary>The indicator benchmark's report is well-formed (its timings are not asserted).</summary>
public class IndicatorBenchTests
{
    [Fact]
    public async Task A_short_indicator_bench_reports_one_row_per_indicator_with_numbers_in_every_cell()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await CliRunner.RunAsync(new[] { "bench", "indicators", "--bars", "2000", "--runs", "3", "--only", "sma,adx" }, stdout, stderr);

        Assert.Equal("", stderr.ToString());
        Assert.Equal(0, code);
        var rows = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(new[] { "indicator", "batch ns/bar", "streaming ns/update", "bytes/update" }, Cells(rows[0]));
        Assert.Equal(new[] { "sma(20)", "sma(20) [column]", "adx(14)" }, rows[1..].Select(r => Cells(r)[0]));
        var column = Cells(rows[2]);
        Assert.True(double.Parse(column[1], CultureInfo.InvariantCulture) > 0, rows[2]);
        Assert.Equal(new[] { "", "" }, column[2..]); // the column batch has no streaming form of its own
        foreach (var row in rows[1..].Where(r => !r.Contains("[column]", StringComparison.Ordinal)))
        {
            var numbers = Cells(row)[1..].Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(3, numbers.Length);
            Assert.All(numbers[..2], n => Assert.True(double.IsFinite(n) && n > 0, row));
            Assert.Equal(0, numbers[2]); // streaming updates allocate nothing
        }
    }

    [Fact]
    public async Task A_missing_TA_Lib_library_is_a_usage_error_naming_it()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await CliRunner.RunAsync(new[] { "bench", "indicators", "--bars", "2000", "--talib", "no-such-talib.so" }, stdout, stderr);

        Assert.Equal(2, code);
        Assert.Contains("no-such-talib.so", stderr.ToString());
        Assert.Contains("does not exist", stderr.ToString());
    }

    [Fact]
    public async Task The_thread_clock_times_every_indicator_and_says_so()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await CliRunner.RunAsync(new[] { "bench", "indicators", "--bars", "2000", "--runs", "3", "--only", "rsi", "--clock", "thread" }, stdout, stderr);

        Assert.Equal("", stderr.ToString());
        Assert.Equal(0, code);
        Assert.Contains("thread CPU time", stdout.ToString());
        var row = stdout.ToString().Split('\n', StringSplitOptions.TrimEntries).Single(l => l.StartsWith("| rsi(14) |", StringComparison.Ordinal));
        Assert.All(Cells(row)[1..3], c => Assert.True(double.Parse(c, CultureInfo.InvariantCulture) > 0, row));
    }

    [Fact]
    public async Task An_unknown_clock_is_a_usage_error_naming_the_option()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await CliRunner.RunAsync(new[] { "bench", "indicators", "--bars", "2000", "--clock", "sundial" }, stdout, stderr);

        Assert.Equal(2, code);
        Assert.Contains("--clock must be wall or thread, got 'sundial'", stderr.ToString());
    }

    private static string[] Cells(string row) => row.Trim('|').Split('|', StringSplitOptions.TrimEntries);
}
