using System.Globalization;
using TradingBlazor.Cli;

namespace TradingBlazor.Tests.Cli;

/// <summary>The engine benchmark's report is well-formed (its timings are not asserted).</summary>
public class EngineBenchTests
{
    [Fact]
    public async Task A_short_engine_bench_reports_one_row_per_journal_with_numbers_in_every_cell()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await CliRunner.RunAsync(new[] { "bench", "engine", "--bots", "10", "--minutes", "30" }, stdout, stderr);

        Assert.Equal("", stderr.ToString());
        Assert.Equal(0, code);
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("warning:", StringComparison.Ordinal)).ToArray();
        Assert.StartsWith("engine: RSI(14)+MACD(12,26,9) rules bots", lines[0]);
        Assert.Contains("30 minutes paced", lines[0]);
        var header = Cells(lines[1]);
        Assert.Equal(17, header.Length);
        Assert.Equal(new[] { "journal", "bots", "p50 µs", "p99 µs", "max µs", "decide p50 µs", "decide p99 µs" }, header[..7]);
        Assert.StartsWith("|---|", lines[2]);
        Assert.Equal(5, lines.Length);

        foreach (var (row, journal) in lines[3..].Zip(new[] { "memory", "store" }))
        {
            var cells = Cells(row);
            Assert.Equal(header.Length, cells.Length);
            Assert.Equal(journal, cells[0]);
            var numbers = cells[1..].Select(c => double.Parse(c, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture)).ToArray();
            Assert.All(numbers, n => Assert.True(double.IsFinite(n)));
            Assert.Equal(10, numbers[0]);
            Assert.True(numbers[1] <= numbers[2] && numbers[2] <= numbers[3] + 1, row); // p50 <= p99 <= max (max rounded)
            Assert.All(numbers[^3..], n => Assert.True(n >= 0 && n == Math.Floor(n), row)); // signals, orders, fills
        }
    }

    private static string[] Cells(string row) => row.Trim('|').Split('|', StringSplitOptions.TrimEntries);
}
