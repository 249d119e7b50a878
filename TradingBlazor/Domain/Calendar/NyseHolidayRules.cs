namespace TradingBlazor.Domain.Calendar;

/// <summary>
/// NYSE full-day holidays and 13:00 early closes, computed by rule for any year.
/// Observance: a Sunday holiday moves to Monday and a Saturday holiday to Friday, except New Year's Day,
/// which is not observed on the Friday before (that Friday is the last session of the old year).
/// </summary>
public static class NyseHolidayRules
{
    /// <summary>The observed full-day closures of a year, by exchange date.</summary>
    public static IReadOnlyDictionary<DateOnly, string> Holidays(int year)
    {
        var days = new Dictionary<DateOnly, string>();
        void Add(DateOnly? date, string name)
        {
            if (date is { } d && d.Year == year) days[d] = name;
        }

        Add(ObserveNewYear(new DateOnly(year, 1, 1)), "New Year's Day");
        // A New Year's Day on a Sunday of the next year is never in this year; Saturday is not observed at all.
        Add(NthWeekday(year, 1, DayOfWeek.Monday, 3), "Martin Luther King Jr. Day");
        Add(NthWeekday(year, 2, DayOfWeek.Monday, 3), "Washington's Birthday");
        Add(EasterSunday(year).AddDays(-2), "Good Friday");
        Add(LastWeekday(year, 5, DayOfWeek.Monday), "Memorial Day");
        if (year >= 2022) Add(Observe(new DateOnly(year, 6, 19)), "Juneteenth");
        Add(Observe(new DateOnly(year, 7, 4)), "Independence Day");
        Add(NthWeekday(year, 9, DayOfWeek.Monday, 1), "Labor Day");
        Add(Thanksgiving(year), "Thanksgiving Day");
        Add(Observe(new DateOnly(year, 12, 25)), "Christmas Day");
        return days;
    }

    /// <summary>
    /// Unscheduled closures that no rule yields (weather, national days of mourning), kept so that historical
    /// backtests see the sessions that really traded.
    /// </summary>
    public static readonly IReadOnlyDictionary<DateOnly, string> SpecialClosures = new Dictionary<DateOnly, string>
    {
        [new(2001, 9, 11)] = "September 11 attacks",
        [new(2001, 9, 12)] = "September 11 attacks",
        [new(2001, 9, 13)] = "September 11 attacks",
        [new(2001, 9, 14)] = "September 11 attacks",
        [new(2004, 6, 11)] = "National Day of Mourning (Ronald Reagan)",
        [new(2007, 1, 2)] = "National Day of Mourning (Gerald Ford)",
        [new(2012, 10, 29)] = "Hurricane Sandy",
        [new(2012, 10, 30)] = "Hurricane Sandy",
        [new(2018, 12, 5)] = "National Day of Mourning (George H. W. Bush)",
        [new(2025, 1, 9)] = "National Day of Mourning (Jimmy Carter)",
    };

    /// <summary>Candidate 13:00 early closes of a year; the calendar keeps those that are trading days.</summary>
    public static IEnumerable<DateOnly> EarlyCloseCandidates(int year)
    {
        yield return new DateOnly(year, 7, 3);
        yield return Thanksgiving(year).AddDays(1);
        yield return new DateOnly(year, 12, 24);
    }

    /// <summary>Easter Sunday (Gregorian), by the anonymous Meeus/Jones/Butcher algorithm.</summary>
    public static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }

    private static DateOnly Thanksgiving(int year) => NthWeekday(year, 11, DayOfWeek.Thursday, 4);

    private static DateOnly Observe(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Saturday => date.AddDays(-1),
        DayOfWeek.Sunday => date.AddDays(1),
        _ => date,
    };

    private static DateOnly? ObserveNewYear(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Saturday => null,
        DayOfWeek.Sunday => date.AddDays(1),
        _ => date,
    };

    private static DateOnly NthWeekday(int year, int month, DayOfWeek weekday, int n)
    {
        var first = new DateOnly(year, month, 1);
        int offset = ((int)weekday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + 7 * (n - 1));
    }

    private static DateOnly LastWeekday(int year, int month, DayOfWeek weekday)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        int back = ((int)last.DayOfWeek - (int)weekday + 7) % 7;
        return last.AddDays(-back);
    }
}
