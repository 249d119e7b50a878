using System.Text;
using TradingBlazor.Adapters.Csv;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Data;

/// <summary>A runaway row (no line breaks, an unclosed quote) is refused early instead of being buffered whole.</summary>
public class BarCsvRowLimitTests
{
    internal const string TooLong = "is longer than 65,536 characters (no line break, or an unclosed quote): not a CSV of bars";

    [Fact]
    public void A_file_that_is_one_50_mb_line_is_refused_with_bounded_memory()
    {
        var path = OneLineFile(50 << 20);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<FormatException>(() => BarCsvReader.ReadFile(path, "X"));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal($"line 1 {TooLong}", ex.Message);
        Assert.True(allocated < 64 << 20, $"reading allocated {allocated:N0} bytes");
    }

    [Fact]
    public void An_unclosed_quote_is_refused_at_the_row_it_opens()
    {
        var csv = new StringBuilder("timestamp,open,high,low,close,volume\n\"2024-01-02T14:30:00Z,1,1,1,1,1\n");
        for (int i = 0; i < 5000; i++) csv.Append("2024-01-02T14:31:00Z,1,1,1,1,1\n");
        var ex = Assert.Throws<FormatException>(() => BarCsvReader.Read(new StringReader(csv.ToString()), "X"));
        Assert.Equal($"line 2 {TooLong}", ex.Message);
    }

    [Fact]
    public void Long_rows_within_the_limit_are_read()
    {
        var note = new string('n', 60_000);
        var csv = $"timestamp,open,high,low,close,volume,note\r\n2024-01-02T14:30:00Z,1,1,1,1,1,\"{note}\"\r\n2024-01-02T14:31:00Z,1,1,1,1,1,{note}\r\n";
        Assert.Equal(2, BarCsvReader.Read(new StringReader(csv), "X").Bars.Count);
    }

    /// <summary>A file of <paramref name="length"/> bytes with no line break, written in chunks so the test itself stays small.</summary>
    internal static string OneLineFile(int length)
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "one-line.csv");
        var chunk = Encoding.ASCII.GetBytes(new string('x', 1 << 20));
        using var file = File.Create(path);
        for (int written = 0; written < length; written += chunk.Length) file.Write(chunk, 0, Math.Min(chunk.Length, length - written));
        return path;
    }
}
