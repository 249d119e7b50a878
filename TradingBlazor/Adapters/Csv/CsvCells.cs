using System.Globalization;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.Time;

namespace TradingBlazor.Adapters.Csv;

/// <summary>
/// Cell parsers that work on spans, with fast paths for the shapes bar files nearly always use (plain fixed-point
/// numbers, <c>yyyy-MM-ddTHH:mm:ssZ</c>, <c>yyyy-MM-dd</c>). A fast path only accepts text the general parser reads the
/// same way, and hands everything else to it, so results never depend on which path ran.
/// </summary>
internal static class CsvCells
{
    /// <summary>Exact decimal, as <c>decimal.TryParse(NumberStyles.Float, InvariantCulture)</c> reads it (same value and scale).</summary>
    public static bool TryParseDecimal(ReadOnlySpan<char> text, out decimal value)
    {
        // Up to 19 digits fit an unsigned long without overflow; sign, exponent and anything else go the general way.
        if (text.Length is > 0 and <= 20)
        {
            ulong mantissa = 0;
            int digits = 0, point = -1;
            for (int i = 0; i < text.Length; i++)
            {
                uint digit = (uint)(text[i] - '0');
                if (digit <= 9)
                {
                    mantissa = mantissa * 10 + digit;
                    digits++;
                }
                else if (text[i] == '.' && point < 0) point = i;
                else goto General;
            }
            if (digits is > 0 and <= 19)
            {
                int scale = point < 0 ? 0 : text.Length - point - 1;
                value = new decimal((int)mantissa, (int)(mantissa >> 32), 0, false, (byte)scale);
                return true;
            }
        }
    General:
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// A timestamp cell as a UTC bar start: with an offset or Z as given; a date alone is that day's session (09:30 New York
    /// open, <paramref name="dateOnly"/> set); a date-time without offset is New York time.
    /// </summary>
    public static bool TryParseTime(ReadOnlySpan<char> text, out DateTime startUtc, out bool dateOnly)
    {
        dateOnly = false;
        if (text.Length == 20 && text[10] == 'T' && text[19] == 'Z' && TryDate(text, out int year, out int month, out int day)
            && TryClock(text[11..19], out int hour, out int minute, out int second))
        {
            startUtc = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);
            return true;
        }
        if (text.Length == 10 && TryDate(text, out year, out month, out day))
        {
            dateOnly = true;
            startUtc = MarketTime.ToUtc(new DateOnly(year, month, day), NyseCalendar.RegularOpen);
            return true;
        }
        return TryParseTimeGeneral(text, out startUtc, out dateOnly);
    }

    private static bool TryParseTimeGeneral(ReadOnlySpan<char> text, out DateTime startUtc, out bool dateOnly)
    {
        dateOnly = false;
        startUtc = default;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            dateOnly = true;
            startUtc = MarketTime.ToUtc(date, NyseCalendar.RegularOpen);
            return true;
        }
        bool hasOffset = text.Length > 0 && (text[^1] is 'Z' or 'z' || HasNumericOffset(text));
        if (hasOffset)
        {
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dto)) return false;
            startUtc = dto.UtcDateTime;
            return true;
        }
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return false;
        // A wall-clock time the spring-forward skips never happened in New York: a bad cell, not a crash.
        if (MarketTime.Eastern.IsInvalidTime(local)) return false;
        startUtc = MarketTime.ToUtc(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
        return true;
    }

    private static bool HasNumericOffset(ReadOnlySpan<char> text)
    {
        int t = text.IndexOf('T');
        if (t < 0) t = text.IndexOf(' ');
        if (t < 0) return false;
        var time = text[(t + 1)..];
        return time.Contains('+') || time.LastIndexOf('-') > 0;
    }

    /// <summary><c>yyyy-MM-dd</c> at the start of <paramref name="text"/>, a real calendar date.</summary>
    private static bool TryDate(ReadOnlySpan<char> text, out int year, out int month, out int day)
    {
        month = day = 0;
        bool ok = TryDigits(text[..4], out year) && text[4] == '-' && TryDigits(text[5..7], out month) && text[7] == '-' && TryDigits(text[8..10], out day);
        return ok && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    /// <summary><c>HH:mm:ss</c>, each field in range.</summary>
    private static bool TryClock(ReadOnlySpan<char> text, out int hour, out int minute, out int second)
    {
        minute = second = 0;
        bool ok = TryDigits(text[..2], out hour) && text[2] == ':' && TryDigits(text[3..5], out minute) && text[5] == ':' && TryDigits(text[6..8], out second);
        return ok && hour < 24 && minute < 60 && second < 60;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (char c in text)
        {
            uint digit = (uint)(c - '0');
            if (digit > 9) return false;
            value = value * 10 + (int)digit;
        }
        return true;
    }
}
