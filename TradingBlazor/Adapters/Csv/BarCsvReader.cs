using System.Globalization;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Time;

namespace TradingBlazor.Adapters.Csv;

/// <summary>A row that was not imported, with its 1-based line number and why.</summary>
public sealed record RejectedRow(int Line, string Reason);

/// <summary>What a CSV read produced: the accepted bars in order and every rejected row.</summary>
public sealed record BarCsvResult(IReadOnlyList<Bar> Bars, IReadOnlyList<RejectedRow> Rejected, string Format);

/// <summary>
/// Reads bars from CSV: the plain format <c>timestamp,open,high,low,close,volume</c> and Yahoo Finance's
/// <c>Date,Open,High,Low,Close,Adj Close,Volume</c> (header names are matched case-insensitively).
/// Timestamps: ISO 8601 with an offset or Z as given; a date alone is that day's session (a daily bar starting at
/// the 09:30 New York open); a date-time without offset is New York exchange time (bar start).
/// </summary>
public static class BarCsvReader
{
    private static readonly string[] Required = { "open", "high", "low", "close", "volume" };

    public static BarCsvResult Read(TextReader reader, string symbol, Timeframe? timeframe = null)
    {
        var header = reader.ReadLine() ?? throw new FormatException("The CSV file is empty.");
        var columns = header.Split(',').Select(c => c.Trim().Trim('"').ToLowerInvariant()).ToList();
        int timeColumn = columns.FindIndex(c => c is "timestamp" or "date" or "time" or "datetime");
        if (timeColumn < 0) throw new FormatException("The CSV header has no timestamp (or Date) column.");
        var index = Required.ToDictionary(r => r, r => columns.IndexOf(r));
        var missing = index.Where(kv => kv.Value < 0).Select(kv => kv.Key).ToList();
        if (missing.Count > 0) throw new FormatException($"The CSV header lacks column(s): {string.Join(", ", missing)}.");
        string format = columns.Contains("adj close") ? "yahoo" : "plain";

        var bars = new List<Bar>();
        var rejected = new List<RejectedRow>();
        Timeframe? detected = timeframe;
        int line = 1;
        string? text;
        while ((text = reader.ReadLine()) is not null)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            var cells = text.Split(',');
            if (cells.Length < columns.Count) { rejected.Add(new RejectedRow(line, $"expected {columns.Count} fields, found {cells.Length}")); continue; }
            if (!TryParseTime(cells[timeColumn].Trim().Trim('"'), out var start, out bool dateOnly)) { rejected.Add(new RejectedRow(line, $"bad timestamp '{cells[timeColumn]}'")); continue; }
            var values = new decimal[5];
            string? bad = null;
            for (int i = 0; i < 5 && bad is null; i++)
            {
                var cell = cells[index[Required[i]]].Trim().Trim('"');
                if (!decimal.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])) bad = $"bad {Required[i]} '{cell}'";
            }
            if (bad is not null) { rejected.Add(new RejectedRow(line, bad)); continue; }
            detected ??= dateOnly ? Timeframe.Day1 : Timeframe.Minute1;
            var bar = new Bar(symbol, detected, start, values[0], values[1], values[2], values[3], values[4]);
            if (BarValidation.Check(bar, bars.Count > 0 ? bars[^1] : null) is { } reason) { rejected.Add(new RejectedRow(line, reason)); continue; }
            bars.Add(bar);
        }
        return new BarCsvResult(bars, rejected, format);
    }

    public static BarCsvResult ReadFile(string path, string symbol, Timeframe? timeframe = null)
    {
        using var reader = new StreamReader(path);
        return Read(reader, symbol, timeframe);
    }

    /// <summary>Parses one timestamp cell into a UTC bar start; tells whether it was a date alone.</summary>
    public static bool TryParseTime(string text, out DateTime startUtc, out bool dateOnly)
    {
        dateOnly = false;
        startUtc = default;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            dateOnly = true;
            startUtc = MarketTime.ToUtc(date, NyseCalendar.RegularOpen);
            return true;
        }
        bool hasOffset = text.EndsWith('Z') || text.EndsWith('z') || HasNumericOffset(text);
        if (hasOffset)
        {
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dto)) return false;
            startUtc = dto.UtcDateTime;
            return true;
        }
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return false;
        startUtc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), MarketTime.Eastern);
        return true;
    }

    private static bool HasNumericOffset(string text)
    {
        int t = text.IndexOf('T');
        if (t < 0) t = text.IndexOf(' ');
        if (t < 0) return false;
        var time = text[(t + 1)..];
        return time.Contains('+') || time.LastIndexOf('-') > 0;
    }
}
