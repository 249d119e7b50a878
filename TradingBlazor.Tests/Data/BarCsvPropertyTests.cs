using System.Globalization;
using System.Text;
using CsCheck;
using TradingBlazor.Adapters.Csv;

namespace TradingBlazor.Tests.Data;

/// <summary>Properties of the CSV reader over random files: valid bars read back exactly; one bad cell costs exactly its line.</summary>
public class BarCsvPropertyTests
{
    private static readonly string[] Columns = { "timestamp", "open", "high", "low", "close", "volume" };
    private static readonly DateTime Origin = new(2000, 1, 3, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>One valid row: minutes after the previous bar, its values (open, high, low, close, volume) and whether its cells are quoted.</summary>
    private sealed record Row(int Gap, decimal[] Values, bool Quoted);

    private sealed record CsvFile(Row[] Rows, bool Crlf);

    // Up to 8 decimals and 9e9 for prices, 4 decimals and 9.2e14 for volumes: what the store holds.
    private static readonly Gen<decimal> Price = Gen.Select(Gen.Long[1, 9_000_000_000], Gen.Int[0, 8], Scaled);
    private static readonly Gen<decimal> Volume = Gen.Select(Gen.Long[0, 922_337_203_685_477], Gen.Int[0, 4], Scaled);

    private static readonly Gen<Row> ValidRow = Gen.Select(Gen.Int[1, 5000], Price.Array[4], Volume, Gen.Bool, Gen.Bool, (gap, prices, volume, closeAbove, quoted) =>
    {
        Array.Sort(prices); // low ≤ open, close ≤ high
        var (open, close) = closeAbove ? (prices[1], prices[2]) : (prices[2], prices[1]);
        return new Row(gap, new[] { open, prices[3], prices[0], close, volume }, quoted);
    });

    private static readonly Gen<CsvFile> ValidFile = Gen.Select(ValidRow.Array[1, 40], Gen.Bool, (rows, crlf) => new CsvFile(rows, crlf));

    [Fact]
    public void Valid_bars_written_to_csv_read_back_exactly()
    {
        ValidFile.Sample(file =>
        {
            var result = BarCsvReader.Read(new StringReader(Write(file)), "X");
            Assert.Empty(result.Rejected);
            AssertBars(file, result, skipped: -1);
        }, iter: 300);
    }

    [Fact]
    public void Corrupting_one_cell_rejects_exactly_that_line()
    {
        var corruption = Gen.Select(ValidFile, Gen.Int[0, 1000], Gen.Int[0, 5], Gen.Int[0, 4]);
        corruption.Sample((file, rowPick, column, pick) =>
        {
            int row = rowPick % file.Rows.Length;
            var (cell, reason) = Corrupt(column, pick);
            var result = BarCsvReader.Read(new StringReader(Write(file, (row, column, cell))), "X");
            Assert.Equal(new[] { new RejectedRow(row + 2, reason) }, result.Rejected); // line 1 is the header
            AssertBars(file, result, skipped: row);
        }, iter: 300);
    }

    [Fact]
    public void The_fast_number_path_reads_exactly_what_decimal_parse_reads()
    {
        // Plain fixed-point numbers around the 19-digit fast-path limit, and strings over the characters numbers are made of.
        var fixedPoint = Gen.Select(Gen.Char["0123456789"].Array[1, 24], Gen.Int[-1, 24], (digits, point) =>
            point < 0 || point > digits.Length ? new string(digits) : string.Concat(new string(digits, 0, point), ".", new string(digits, point, digits.Length - point)));
        var numberish = Gen.Char["0123456789.-+eE "].Array[0, 26].Select(chars => new string(chars));
        Gen.OneOf(fixedPoint, numberish).Sample(text =>
        {
            bool expected = decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var want);
            Assert.Equal(expected, CsvCells.TryParseDecimal(text, out var got));
            if (expected) Assert.Equal(Text(want), Text(got));
        }, iter: 20_000);
    }

    /// <summary>A bad cell for a column and the reason the reader must give for it.</summary>
    private static (string Cell, string Reason) Corrupt(int column, int pick)
    {
        var name = Columns[column];
        if (column == 0)
        {
            var bad = new[] { "yesterday", "", "2024-02-30", "14:3O", "2024-01-02T25:00:00Z" }[pick];
            return (bad, $"bad timestamp '{bad}'");
        }
        if (pick == 4)
            return name == "volume" ? ("1E15", "volume 1E15 is too large to store") : ("1.123456789", $"{name} 1.123456789 has more than 8 decimal places");
        var garbage = new[] { "abc", "", "1.2.3", "--1" }[pick];
        return (garbage, $"bad {name} '{garbage}'");
    }

    private static void AssertBars(CsvFile file, BarCsvResult result, int skipped)
    {
        var expected = Enumerable.Range(0, file.Rows.Length).Where(i => i != skipped).ToList();
        Assert.Equal(expected.Count, result.Bars.Count);
        var times = Times(file);
        for (int k = 0; k < expected.Count; k++)
        {
            var bar = result.Bars[k];
            var values = file.Rows[expected[k]].Values;
            Assert.Equal(times[expected[k]], bar.StartUtc);
            // Equal as decimals and as written: the reader keeps the scale, so "1.50" stays 1.50.
            var actual = new[] { bar.Open, bar.High, bar.Low, bar.Close, bar.Volume };
            Assert.Equal(values, actual);
            Assert.Equal(values.Select(Text), actual.Select(Text));
        }
    }

    private static string Write(CsvFile file, (int Row, int Column, string Cell)? corrupt = null)
    {
        var newline = file.Crlf ? "\r\n" : "\n";
        var text = new StringBuilder(string.Join(',', Columns)).Append(newline);
        var times = Times(file);
        for (int i = 0; i < file.Rows.Length; i++)
        {
            var cells = new[] { times[i].ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) }.Concat(file.Rows[i].Values.Select(Text)).ToArray();
            if (corrupt is { } c && c.Row == i) cells[c.Column] = c.Cell;
            text.AppendJoin(',', file.Rows[i].Quoted ? cells.Select(cell => $"\"{cell}\"") : cells).Append(newline);
        }
        return text.ToString();
    }

    private static DateTime[] Times(CsvFile file)
    {
        var times = new DateTime[file.Rows.Length];
        var t = Origin;
        for (int i = 0; i < times.Length; i++) times[i] = t = t.AddMinutes(file.Rows[i].Gap);
        return times;
    }

    private static decimal Scaled(long mantissa, int scale) => new((int)mantissa, (int)(mantissa >> 32), 0, false, (byte)scale);

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
