using nietras.SeparatedValues;
using TradingBlazor.Data.Conversion;
using TradingBlazor.Domain.MarketData;

namespace TradingBlazor.Adapters.Csv;

/// <summary>
/// Bars read from a CSV one row at a time, so memory does not grow with the file: <see cref="Bars"/> yields each
/// accepted bar while the rejected rows, the count and the first and last bar are kept here. Opening reads the header
/// (a <see cref="FormatException"/> when it lacks a column); a row longer than <see cref="MaxRowLength"/> ends the read
/// with one too. Single use.
/// </summary>
public sealed class BarCsvRows : IDisposable
{
    /// <summary>Far beyond any bar row; bounds what one row can make Sep buffer.</summary>
    public const int MaxRowLength = 1 << 16;

    private static readonly string[] ValueNames = { "open", "high", "low", "close", "volume" };

    // What the store can hold exactly; anything finer or larger is a bad row, not a failed import.
    private static readonly int[] StorageScales = { ScaledDecimal.MoneyScale, ScaledDecimal.MoneyScale, ScaledDecimal.MoneyScale, ScaledDecimal.MoneyScale, ScaledDecimal.VolumeScale };

    private const int ShownCellLength = 40;
    private const string PlainHeader = "timestamp,open,high,low,close,volume";
    private static readonly (string Text, string Name)[] Separators = { (";", "semicolons (;)"), ("\t", "tabs"), ("|", "pipes (|)") };

    private readonly SepReader _csv;
    private readonly string _symbol;
    private readonly int _columnCount;
    private readonly int _timeColumn;
    private readonly int[] _valueColumns;
    private readonly decimal[] _values = new decimal[ValueNames.Length];
    private readonly List<RejectedRow> _rejected = new();
    private readonly Timeframe? _givenTimeframe;
    private Timeframe? _timeframe;
    private bool? _datesAlone;

    /// <summary>"yahoo" (Date,Open,High,Low,Close,Adj Close,Volume) or "plain".</summary>
    public string Format { get; }

    public IReadOnlyList<RejectedRow> Rejected => _rejected;
    public int Accepted { get; private set; }
    public Bar? First { get; private set; }
    public Bar? Last { get; private set; }

    public BarCsvRows(TextReader reader, string symbol, Timeframe? timeframe = null)
    {
        _symbol = symbol;
        _timeframe = _givenTimeframe = timeframe;
        // The header is read as a row: Sep's own header handling refuses duplicate names, which the format never did.
        _csv = Sep.New(',').Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = true, Trim = SepTrim.All })
            .From(new BoundedRowReader(reader, MaxRowLength));
        try
        {
            if (!_csv.MoveNext()) throw new FormatException("The CSV file is empty.");
            if (_csv.Current.Span.IsWhiteSpace()) throw new FormatException(BlankLinesFirst());
            var header = _csv.Current;
            var columns = new List<string>(header.ColCount);
            for (int i = 0; i < header.ColCount; i++) columns.Add(header[i].Span.ToString().ToLowerInvariant());
            _columnCount = columns.Count;
            _timeColumn = columns.FindIndex(c => c is "timestamp" or "date" or "time" or "datetime");
            if (columns.Count == 1 && Separators.FirstOrDefault(s => columns[0].Contains(s.Text)).Name is { } separator)
                throw new FormatException($"The CSV file is separated by {separator}; bar files are comma-separated: {PlainHeader}.");
            if (_timeColumn < 0) throw new FormatException("The CSV header has no timestamp (or Date) column.");
            _valueColumns = ValueNames.Select(name => columns.IndexOf(name)).ToArray();
            var missing = ValueNames.Where((_, i) => _valueColumns[i] < 0).ToList();
            if (missing.Count > 0) throw new FormatException($"The CSV header lacks column(s): {string.Join(", ", missing)}.");
            Format = columns.Contains("adj close") ? "yahoo" : "plain";
        }
        catch
        {
            _csv.Dispose();
            throw;
        }
    }

    /// <summary>The accepted bars in file order; bad rows are recorded in <see cref="Rejected"/> and skipped.</summary>
    public IEnumerable<Bar> Bars()
    {
        while (_csv.MoveNext())
        {
            if (Accept(_csv.Current) is { } bar) yield return bar;
        }
    }

    private Bar? Accept(SepReader.Row row)
    {
        var whole = row.Span;
        if (whole.IsWhiteSpace()) return null;
        int line = row.LineNumberFrom;
        if (row.ColCount < _columnCount) return Reject(line, $"expected {_columnCount} fields, found {row.ColCount}");

        var timeCell = row[_timeColumn].Span; // Sep trims (SepTrim.All)
        if (!CsvCells.TryParseTime(timeCell, out var start, out bool dateOnly)) return Reject(line, $"bad timestamp '{Shown(timeCell)}'");
        for (int i = 0; i < _values.Length; i++)
        {
            var cell = row[_valueColumns[i]].Span;
            if (!CsvCells.TryParseDecimal(cell, out _values[i])) return Reject(line, $"bad {ValueNames[i]} '{Shown(cell)}'");
            switch (ScaledDecimal.Check(_values[i], StorageScales[i]))
            {
                case ScaleProblem.TooManyDecimals: return Reject(line, $"{ValueNames[i]} {Shown(cell)} has more than {StorageScales[i]} decimal places");
                case ScaleProblem.TooLarge: return Reject(line, $"{ValueNames[i]} {Shown(cell)} is too large to store");
            }
        }

        if (_givenTimeframe is { IsDaily: false } intraday && dateOnly)
            throw new FormatException($"line {line}: '{Shown(timeCell)}' is a date alone (a daily bar) but the timeframe is {intraday}; "
                + "give each row a time of day, or import it as 1d.");
        // One file is one series: the first row's kind (dates alone, or times of day) holds for every row.
        _datesAlone ??= dateOnly;
        if (dateOnly != _datesAlone)
            return Reject(line, dateOnly ? "a date alone (a daily bar) among rows with times of day" : "a time of day among rows with dates alone (daily bars)");
        _timeframe ??= dateOnly ? Timeframe.Day1 : Timeframe.Minute1;
        var bar = new Bar(_symbol, _timeframe, start, _values[0], _values[1], _values[2], _values[3], _values[4]);
        if (BarValidation.Check(bar, Last) is { } reason) return Reject(line, reason);
        Accepted++;
        First ??= bar;
        Last = bar;
        return bar;
    }

    // Sep reads a blank line as a row; before the header that is the file's mistake, not an empty header.
    private string BlankLinesFirst()
    {
        int blank = 1;
        bool more;
        while ((more = _csv.MoveNext()) && _csv.Current.Span.IsWhiteSpace()) blank++;
        return more
            ? $"The CSV file starts with {blank} blank line(s); the header ({PlainHeader}) must be the first line."
            : "The CSV file has only blank lines.";
    }

    private Bar? Reject(int line, string reason)
    {
        _rejected.Add(new RejectedRow(line, reason));
        return null;
    }

    /// <summary>A cell as quoted in a reason, cut short so a runaway cell cannot bloat the report.</summary>
    private static string Shown(ReadOnlySpan<char> cell) => cell.Length <= ShownCellLength ? cell.ToString() : string.Concat(cell[..ShownCellLength], "…");

    public void Dispose() => _csv.Dispose();
}
