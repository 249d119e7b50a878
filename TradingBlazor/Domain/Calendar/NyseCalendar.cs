using System.Collections.Concurrent;
using TradingBlazor.Domain.Time;

namespace TradingBlazor.Domain.Calendar;

/// <summary>
/// The NYSE regular-session calendar (09:30–16:00 America/New_York, 13:00 on early-close days), computed by
/// rule for any year, plus the known unscheduled closures and optional ad-hoc ones from configuration.
/// </summary>
public sealed class NyseCalendar : IMarketCalendar
{
    public static readonly TimeOnly RegularOpen = new(9, 30);
    public static readonly TimeOnly RegularClose = new(16, 0);
    public static readonly TimeOnly EarlyClose = new(13, 0);

    // A search bound for NextOpen/NextClose: no real calendar has two weeks without a session.
    private const int MaxDaysWithoutSession = 14;

    private readonly IReadOnlyDictionary<DateOnly, string> _extraClosures;
    private readonly ConcurrentDictionary<int, YearRules> _years = new();

    public NyseCalendar(IReadOnlyDictionary<DateOnly, string>? extraClosures = null)
    {
        var closures = new Dictionary<DateOnly, string>(NyseHolidayRules.SpecialClosures);
        foreach (var (date, reason) in extraClosures ?? new Dictionary<DateOnly, string>()) closures[date] = reason;
        _extraClosures = closures;
    }

    public TradingSession? GetSession(DateOnly date)
    {
        if (IsWeekend(date) || GetHolidayName(date) is not null) return null;
        bool early = Rules(date.Year).EarlyCloses.Contains(date);
        return new TradingSession(date, MarketTime.ToUtc(date, RegularOpen), MarketTime.ToUtc(date, early ? EarlyClose : RegularClose), early);
    }

    public string? GetHolidayName(DateOnly date)
    {
        if (_extraClosures.TryGetValue(date, out var reason)) return reason;
        return Rules(date.Year).Holidays.TryGetValue(date, out var name) ? name : null;
    }

    public bool IsOpenAt(DateTime utc) => GetSession(MarketTime.EasternDate(MarketTime.EnsureUtc(utc)))?.Contains(utc) == true;

    public DateTime NextOpen(DateTime utc) => FirstSessionFrom(utc, s => s.OpenUtc >= utc).OpenUtc;

    public DateTime NextClose(DateTime utc) => FirstSessionFrom(utc, s => s.CloseUtc > utc).CloseUtc;

    public IEnumerable<TradingSession> SessionsBetween(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            if (GetSession(d) is { } session) yield return session;
        }
    }

    public MarketStatus GetStatus(DateTime utc)
    {
        var date = MarketTime.EasternDate(MarketTime.EnsureUtc(utc));
        var today = GetSession(date);
        var phase = today switch
        {
            null => MarketPhase.Closed,
            _ when utc < today.OpenUtc => MarketPhase.PreOpen,
            _ when utc < today.CloseUtc => MarketPhase.Open,
            _ => MarketPhase.AfterClose,
        };
        return new MarketStatus(utc, phase, today, NextOpen(utc), NextClose(utc), IsWeekend(date) ? null : GetHolidayName(date));
    }

    private TradingSession FirstSessionFrom(DateTime utc, Func<TradingSession, bool> accept)
    {
        var date = MarketTime.EasternDate(MarketTime.EnsureUtc(utc));
        for (int i = 0; i <= MaxDaysWithoutSession; i++)
        {
            if (GetSession(date.AddDays(i)) is { } session && accept(session)) return session;
        }
        throw new InvalidOperationException($"No NYSE session within {MaxDaysWithoutSession} days after {utc:O}; check the configured closures.");
    }

    private static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private YearRules Rules(int year) => _years.GetOrAdd(year, y =>
    {
        var holidays = NyseHolidayRules.Holidays(y);
        var early = NyseHolidayRules.EarlyCloseCandidates(y)
            .Where(d => !IsWeekend(d) && !holidays.ContainsKey(d))
            .ToHashSet();
        return new YearRules(holidays, early);
    });

    private sealed record YearRules(IReadOnlyDictionary<DateOnly, string> Holidays, IReadOnlySet<DateOnly> EarlyCloses);
}
