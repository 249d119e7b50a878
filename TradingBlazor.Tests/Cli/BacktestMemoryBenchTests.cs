using System.Globalization;
using TradingBlazor.Cli;

namespace TradingBlazor.Tests.Cli;

/// <summary>The backtest memory benchmark's report is well-formed (its figures are not asserted).</summary>
public class BacktestMemoryBenchTests
{
    [Fact]
    public async Task A_short_memory_bench_imports_the_bars_and_reports_a_row_per_mode_with_numbers_in_every_cell()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await CliRunner.RunAsync(new[] { "bench", "backtest-memory", "--symbols", "2", "--sessions", "5", "--modes", "streamed,held" }, stdout, stderr);

        Assert.Equal("", stderr.ToString());
        Assert.Equal(0, code);
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var imported = double.Parse(lines[0].Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.Contains("1m bars (2 symbols x 5 sessions) imported", lines[0]);
        var header = Cells(lines[1]);
        Assert.Equal(new[] { "mode", "bars", "seconds", "bars/s" }, header[..4]);
        Assert.Equal(5, lines.Length);
        foreach (var (row, mode) in lines[3..].Select(Cells).Zip(new[] { "streamed", "held" }))
        {
            Assert.Equal(mode, row[0]);
            Assert.Equal(header.Length, row.Length);
            var numbers = row[1..].Select(c => double.Parse(c, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture)).ToArray();
            Assert.All(numbers, n => Assert.True(double.IsFinite(n), string.Join(" | ", row)));
            Assert.Equal(imported, numbers[0]); // every stored bar replayed
        }
    }

    private static string[] Cells(string row) => row.Trim('|').Split('|', StringSplitOptions.TrimEntries);
}
