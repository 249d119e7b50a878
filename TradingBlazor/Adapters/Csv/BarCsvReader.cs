using System.Text;
using TradingBlazor.Domain.MarketData;

namespace TradingBlazor.Adapters.Csv;

/// <summary>A row that was not imported, with its 1-based line number and why.</summary>
public sealed record RejectedRow(int Line, string Reason);

/// <summary>What a CSV read produced: the accepted bars in order and every rejected row.</summary>
public sealed record BarCsvResult(IReadOnlyList<Bar> Bars, IReadOnlyList<RejectedRow> Rejected, string Format);

/// <summary>
/// Reads bars from CSV: the plain format <c>timestamp,open,high,low,close,volume</c> and Yahoo Finance's
/// <c>Date,Open,High,Low,Close,Adj Close,Volume</c> (header names are matched case-insensitively, quoted fields allowed).
/// Timestamps: ISO 8601 with an offset or Z as given; a date alone is that day's session (a daily bar starting at
/// the 09:30 New York open); a date-time without offset is New York exchange time (bar start).
/// Parsing is <see cref="BarCsvRows"/>; this collects its bars into a list (backtests need them all anyway).
/// </summary>
public static class BarCsvReader
{
    public static BarCsvResult Read(TextReader reader, string symbol, Timeframe? timeframe = null)
    {
        using var rows = new BarCsvRows(reader, symbol, timeframe);
        var bars = rows.Bars().ToList();
        return new BarCsvResult(bars, rows.Rejected, rows.Format);
    }

    public static BarCsvResult ReadFile(string path, string symbol, Timeframe? timeframe = null)
    {
        using var reader = OpenFile(path);
        return Read(reader, symbol, timeframe);
    }

    /// <summary>A file opened for sequential reading with buffers large enough not to be the bottleneck.</summary>
    public static StreamReader OpenFile(string path) => new(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);

    /// <summary>Parses one timestamp cell into a UTC bar start; tells whether it was a date alone.</summary>
    public static bool TryParseTime(string text, out DateTime startUtc, out bool dateOnly) => CsvCells.TryParseTime(text, out startUtc, out dateOnly);
}
