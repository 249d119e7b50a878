using System.Globalization;
using System.Text;

namespace TradingBlazor.Adapters.Csv;

/// <summary>
/// The one way the app writes CSV: RFC 4180 quoting, invariant numbers rounded to what they mean (money to the cent,
/// percentages and returns to 4 decimals, quantities to the store's 1e-9 share without trailing zeros), ISO 8601 UTC
/// times. A decimal division can carry 28 digits; a spreadsheet should never see them.
/// </summary>
public sealed class CsvWriter
{
    public const int MoneyDecimals = 2;
    public const int RatioDecimals = 4;
    public const int QuantityDecimals = 9;
    private readonly StringBuilder _sb = new();
    private readonly string _newline;
    private bool _rowStarted;

    /// <param name="newline">CRLF as RFC 4180 asks; the CLI's files keep the line feed they always had.</param>
    public CsvWriter(string header, string newline = "\r\n")
    {
        _newline = newline;
        _sb.Append(header).Append(newline);
    }

    /// <summary>Text, quoted only when it must be: a comma, a quote or a line break inside (quotes doubled).</summary>
    public CsvWriter Text(string? value) => Cell(Quote(value));

    /// <summary>A price, P&amp;L, fee or equity: to the cent.</summary>
    public CsvWriter Money(decimal? value) => Cell(Fixed(value, MoneyDecimals));

    /// <summary>A return or a percentage: 4 decimals.</summary>
    public CsvWriter Ratio(decimal? value) => Cell(Fixed(value, RatioDecimals));

    /// <summary>Shares: as many decimals as the quantity has (at most the store's 9), no trailing zeros.</summary>
    public CsvWriter Quantity(decimal? value) => Cell(value is { } v ? Trimmed(Math.Round(v, QuantityDecimals, MidpointRounding.AwayFromZero)) : "");

    /// <summary>A whole number or an id.</summary>
    public CsvWriter Integer(long? value) => Cell(value?.ToString(CultureInfo.InvariantCulture) ?? "");

    /// <summary>A UTC instant as ISO 8601 with Z (fractions of a second only when there are some).</summary>
    public CsvWriter Time(DateTime? utc) => Cell(utc?.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture) ?? "");

    /// <summary>A ratio computed in floating point (Sharpe, profit factor): 4 decimals; infinity as "inf", NaN as empty.</summary>
    public CsvWriter Ratio(double value) =>
        Cell(double.IsPositiveInfinity(value) ? "inf" : double.IsFinite(value) ? value.ToString("0.0000", CultureInfo.InvariantCulture) : "");

    /// <summary>A New York calendar date.</summary>
    public CsvWriter Date(DateOnly date) => Cell(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>Starts another table in the same file: an empty line, then its header.</summary>
    public CsvWriter Section(string header)
    {
        if (_rowStarted) EndRow();
        _sb.Append(_newline).Append(header).Append(_newline);
        return this;
    }

    public CsvWriter EndRow()
    {
        _sb.Append(_newline);
        _rowStarted = false;
        return this;
    }

    public override string ToString() => _sb.ToString();

    public static string Quote(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;

    private static string Fixed(decimal? value, int decimals) =>
        value is { } v ? Math.Round(v, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals, CultureInfo.InvariantCulture) : "";

    // 1.500000000 → 1.5: the scale a division or a stored column left behind is noise, not precision.
    private static string Trimmed(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    private CsvWriter Cell(string text)
    {
        if (_rowStarted) _sb.Append(',');
        _sb.Append(text);
        _rowStarted = true;
        return this;
    }
}
