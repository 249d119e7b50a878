using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.Time;

namespace TradingBlazor.Tests.Calendar;

public class NyseCalendarTests
{
    private readonly NyseCalendar _calendar = new();

    private static DateTime Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("2025-04-18", "Good Friday")]
    [InlineData("2027-06-18", "Juneteenth")] // Juneteenth 2027 is a Saturday: observed Friday
    [InlineData("2022-06-20", "Juneteenth")] // Sunday: observed Monday
    [InlineData("2023-01-02", "New Year's Day")] // Sunday: observed Monday
    [InlineData("2026-07-03", "Independence Day")] // Saturday July 4: observed Friday
    [InlineData("2022-12-26", "Christmas Day")]
    [InlineData("2026-01-19", "Martin Luther King Jr. Day")]
    [InlineData("2026-02-16", "Washington's Birthday")]
    [InlineData("2026-05-25", "Memorial Day")]
    [InlineData("2026-09-07", "Labor Day")]
    [InlineData("2026-11-26", "Thanksgiving Day")]
    [InlineData("2025-01-09", "National Day of Mourning (Jimmy Carter)")]
    public void Holidays_are_closed_with_their_name(string date, string name)
    {
        var day = DateOnly.Parse(date);
        Assert.Null(_calendar.GetSession(day));
        Assert.Equal(name, _calendar.GetHolidayName(day));
    }

    [Theory]
    [InlineData("2021-12-31")] // New Year's Day 2022 is a Saturday and is not observed on the Friday before
    [InlineData("2021-06-18")] // Juneteenth is a holiday only from 2022
    [InlineData("2026-11-25")]
    [InlineData("2026-04-06")]
    public void Ordinary_trading_days_run_the_full_session(string date)
    {
        var session = _calendar.GetSession(DateOnly.Parse(date));
        Assert.NotNull(session);
        Assert.False(session.IsEarlyClose);
        Assert.Equal(new TimeOnly(9, 30), TimeOnly.FromDateTime(MarketTime.ToEastern(session.OpenUtc)));
        Assert.Equal(new TimeOnly(16, 0), TimeOnly.FromDateTime(MarketTime.ToEastern(session.CloseUtc)));
    }

    [Theory]
    [InlineData("2026-11-27")] // day after Thanksgiving
    [InlineData("2024-12-24")] // Christmas Eve on a Tuesday
    [InlineData("2025-07-03")] // July 3 on a Thursday
    [InlineData("2023-07-03")] // July 3 on a Monday
    public void Early_closes_end_at_13_00_eastern(string date)
    {
        var session = _calendar.GetSession(DateOnly.Parse(date));
        Assert.NotNull(session);
        Assert.True(session.IsEarlyClose);
        Assert.Equal(new TimeOnly(13, 0), TimeOnly.FromDateTime(MarketTime.ToEastern(session.CloseUtc)));
    }

    [Fact]
    public void The_day_after_thanksgiving_2026_closes_at_18_00_utc()
    {
        var session = _calendar.GetSession(new DateOnly(2026, 11, 27))!;
        Assert.Equal(Utc(2026, 11, 27, 14, 30), session.OpenUtc);
        Assert.Equal(Utc(2026, 11, 27, 18, 0), session.CloseUtc);
    }

    [Theory]
    [InlineData("2022-12-23")] // Christmas Eve is a Saturday: the Friday is a normal day
    [InlineData("2026-12-24")] // Thursday: early close
    public void Christmas_eve_is_early_only_when_it_is_a_trading_day(string date)
    {
        var day = DateOnly.Parse(date);
        var session = _calendar.GetSession(day)!;
        Assert.Equal(day == new DateOnly(2026, 12, 24), session.IsEarlyClose);
    }

    [Fact]
    public void Sessions_follow_daylight_saving_in_march()
    {
        // DST starts Sunday 2026-03-08: the open moves from 14:30Z (EST) to 13:30Z (EDT).
        Assert.Equal(Utc(2026, 3, 6, 14, 30), _calendar.GetSession(new DateOnly(2026, 3, 6))!.OpenUtc);
        Assert.Equal(Utc(2026, 3, 9, 13, 30), _calendar.GetSession(new DateOnly(2026, 3, 9))!.OpenUtc);
        Assert.Equal(Utc(2026, 3, 9, 20, 0), _calendar.GetSession(new DateOnly(2026, 3, 9))!.CloseUtc);
        Assert.True(_calendar.IsOpenAt(Utc(2026, 3, 9, 13, 30)));
        Assert.False(_calendar.IsOpenAt(Utc(2026, 3, 6, 14, 29)));
    }

    [Fact]
    public void Sessions_follow_daylight_saving_in_november()
    {
        // DST ends Sunday 2026-11-01: the open moves from 13:30Z (EDT) back to 14:30Z (EST).
        Assert.Equal(Utc(2026, 10, 30, 13, 30), _calendar.GetSession(new DateOnly(2026, 10, 30))!.OpenUtc);
        Assert.Equal(Utc(2026, 11, 2, 14, 30), _calendar.GetSession(new DateOnly(2026, 11, 2))!.OpenUtc);
        Assert.Equal(Utc(2026, 11, 2, 21, 0), _calendar.GetSession(new DateOnly(2026, 11, 2))!.CloseUtc);
        Assert.False(_calendar.IsOpenAt(Utc(2026, 11, 2, 13, 30)));
        Assert.True(_calendar.IsOpenAt(Utc(2026, 11, 2, 14, 30)));
    }

    [Fact]
    public void Next_open_skips_a_holiday_weekend()
    {
        // Friday 2026-01-16 after the close; Monday is MLK Day, so the next open is Tuesday.
        var afterClose = Utc(2026, 1, 16, 21, 5);
        Assert.Equal(Utc(2026, 1, 20, 14, 30), _calendar.NextOpen(afterClose));
        Assert.Equal(Utc(2026, 1, 20, 21, 0), _calendar.NextClose(afterClose));

        // Thursday before Good Friday 2026 (April 3): next open Monday April 6, in EDT.
        Assert.Equal(Utc(2026, 4, 6, 13, 30), _calendar.NextOpen(Utc(2026, 4, 2, 20, 30)));
    }

    [Fact]
    public void Open_is_inclusive_and_close_is_exclusive()
    {
        var session = _calendar.GetSession(new DateOnly(2026, 11, 23))!;
        Assert.True(_calendar.IsOpenAt(session.OpenUtc));
        Assert.False(_calendar.IsOpenAt(session.CloseUtc));
        Assert.True(_calendar.IsOpenAt(session.CloseUtc.AddTicks(-1)));
        Assert.Equal(session.OpenUtc, _calendar.NextOpen(session.OpenUtc));
        Assert.Equal(session.CloseUtc, _calendar.NextClose(session.OpenUtc));
    }

    [Fact]
    public void Status_reports_phase_and_holiday()
    {
        Assert.Equal(MarketPhase.PreOpen, _calendar.GetStatus(Utc(2026, 11, 23, 12, 0)).Phase);
        Assert.Equal(MarketPhase.Open, _calendar.GetStatus(Utc(2026, 11, 23, 15, 0)).Phase);
        Assert.Equal(MarketPhase.AfterClose, _calendar.GetStatus(Utc(2026, 11, 23, 22, 0)).Phase);
        var thanksgiving = _calendar.GetStatus(Utc(2026, 11, 26, 15, 0));
        Assert.Equal(MarketPhase.Closed, thanksgiving.Phase);
        Assert.Equal("Thanksgiving Day", thanksgiving.HolidayName);
        Assert.Equal(Utc(2026, 11, 27, 14, 30), thanksgiving.NextOpenUtc);
        Assert.Equal(Utc(2026, 11, 27, 18, 0), thanksgiving.NextCloseUtc);
    }

    [Theory]
    [InlineData(2024, 252)]
    [InlineData(2025, 250)] // 251 by rule, less the unscheduled closure of 2025-01-09
    [InlineData(2023, 250)]
    public void Trading_days_per_year_match_the_exchange(int year, int expected)
    {
        Assert.Equal(expected, _calendar.SessionsBetween(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)).Count());
    }

    [Fact]
    public void Holidays_2026_match_the_published_nyse_list()
    {
        var expected = new[] { "2026-01-01", "2026-01-19", "2026-02-16", "2026-04-03", "2026-05-25", "2026-06-19", "2026-07-03", "2026-09-07", "2026-11-26", "2026-12-25" };
        Assert.Equal(expected.Select(DateOnly.Parse), NyseHolidayRules.Holidays(2026).Keys.OrderBy(d => d));
    }

    [Theory]
    [InlineData(2000, 4, 23)]
    [InlineData(2019, 4, 21)]
    [InlineData(2024, 3, 31)]
    [InlineData(2038, 4, 25)]
    public void Easter_is_computed_correctly(int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), NyseHolidayRules.EasterSunday(year));

    [Fact]
    public void Configured_extra_closures_close_the_market()
    {
        var calendar = new NyseCalendar(new Dictionary<DateOnly, string> { [new DateOnly(2026, 12, 1)] = "Exchange outage" });
        Assert.Null(calendar.GetSession(new DateOnly(2026, 12, 1)));
        Assert.Equal("Exchange outage", calendar.GetHolidayName(new DateOnly(2026, 12, 1)));
    }

    [Fact]
    public void Local_times_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => _calendar.IsOpenAt(new DateTime(2026, 11, 23, 15, 0, 0, DateTimeKind.Local)));
        Assert.Throws<ArgumentException>(() => _calendar.NextOpen(new DateTime(2026, 11, 23, 15, 0, 0, DateTimeKind.Unspecified)));
    }

    [Fact]
    public void Every_session_for_a_century_is_well_formed()
    {
        // Property check over 2000-2099: sessions last 6.5 h (3.5 h early), open at 09:30 ET, weekdays only,
        // and never more than six days in a row without one.
        var gap = 0;
        for (var d = new DateOnly(2000, 1, 1); d.Year < 2100; d = d.AddDays(1))
        {
            var s = _calendar.GetSession(d);
            if (s is null)
            {
                Assert.True(++gap <= 6, $"{d}: too many closed days in a row"); // the longest gap: September 11-16, 2001
                continue;
            }
            gap = 0;
            Assert.DoesNotContain(d.DayOfWeek, new[] { DayOfWeek.Saturday, DayOfWeek.Sunday });
            Assert.Equal(s.IsEarlyClose ? TimeSpan.FromHours(3.5) : TimeSpan.FromHours(6.5), s.CloseUtc - s.OpenUtc);
            Assert.Equal(new TimeOnly(9, 30), TimeOnly.FromDateTime(MarketTime.ToEastern(s.OpenUtc)));
            Assert.Equal(d, MarketTime.EasternDate(s.OpenUtc));
        }
    }

    [Fact]
    public void Next_open_and_close_agree_with_is_open_at_on_random_instants()
    {
        var random = new Random(20261121);
        var start = Utc(2020, 1, 1, 0);
        for (int i = 0; i < 2000; i++)
        {
            var t = start.AddMinutes(random.Next(0, 60 * 24 * 365 * 8));
            var nextOpen = _calendar.NextOpen(t);
            var nextClose = _calendar.NextClose(t);
            Assert.True(nextOpen >= t && nextClose > t);
            Assert.True(_calendar.IsOpenAt(nextOpen));
            // Open now exactly when the next close comes before the next open.
            Assert.Equal(_calendar.IsOpenAt(t), nextClose < nextOpen || nextOpen == t);
        }
    }
}
