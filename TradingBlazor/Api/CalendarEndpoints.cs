using System.Globalization;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.Time;

namespace TradingBlazor.Api;

/// <summary>REST access to the market calendar: status now or at an instant, and sessions over a date range.</summary>
public static class CalendarEndpoints
{
    private const int MaxRangeDays = 3660;
    // The rules hold for any year, but walking to the next session must not run off the calendar's ends (year 9999).
    private static readonly DateOnly FirstDate = new(1900, 1, 1), LastDate = new(2199, 12, 31);

    public static void MapCalendarEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/market").WithTags("Market calendar");

        group.MapGet("/status", (DateTimeOffset? at, IMarketCalendar calendar, TimeProvider clock) =>
        {
            if (at is { } t && !InRange(DateOnly.FromDateTime(t.UtcDateTime)))
                return ApiProblems.Invalid("at", $"must be between {FirstDate:yyyy-MM-dd} and {LastDate:yyyy-MM-dd}.");
            var status = calendar.GetStatus(at?.UtcDateTime ?? clock.UtcNow());
            return Results.Ok(new MarketStatusView(status.AtUtc, status.Phase.ToString(), status.IsOpen, status.Today is null ? null : ToDto(status.Today),
                status.NextOpenUtc, status.NextCloseUtc, status.HolidayName));
        }).Produces<MarketStatusView>().WithName("GetMarketStatus").WithSummary("Market phase at an instant (default: now) with the next open and close.");

        group.MapGet("/sessions", (string from, string to, IMarketCalendar calendar) =>
        {
            var errors = new Dictionary<string, string[]>();
            var fromDate = ParseDate(from, nameof(from), errors);
            var toDate = ParseDate(to, nameof(to), errors);
            if (errors.Count == 0 && toDate < fromDate) errors["to"] = new[] { "'to' must not be before 'from'." };
            if (errors.Count == 0 && toDate.DayNumber - fromDate.DayNumber > MaxRangeDays) errors["to"] = new[] { $"The range may span at most {MaxRangeDays} days." };
            if (errors.Count > 0) return Results.ValidationProblem(errors);
            var sessions = calendar.SessionsBetween(fromDate, toDate).Select(ToDto).ToList();
            return Results.Ok(new SessionsView(fromDate, toDate, sessions.Count, sessions));
        }).Produces<SessionsView>().ProducesValidationProblem().WithName("GetMarketSessions").WithSummary("Trading sessions with dates in [from, to] (yyyy-MM-dd).");
    }

    private static SessionView ToDto(TradingSession s) => new(s.Date, s.OpenUtc, s.CloseUtc,
        MarketTime.ToEastern(s.OpenUtc).ToString("HH:mm", CultureInfo.InvariantCulture),
        MarketTime.ToEastern(s.CloseUtc).ToString("HH:mm", CultureInfo.InvariantCulture), s.IsEarlyClose);

    private static bool InRange(DateOnly date) => date >= FirstDate && date <= LastDate;

    private static DateOnly ParseDate(string value, string field, Dictionary<string, string[]> errors)
    {
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            errors[field] = new[] { $"'{value}' is not a date in the form yyyy-MM-dd." };
        else if (!InRange(date))
            errors[field] = new[] { $"must be between {FirstDate:yyyy-MM-dd} and {LastDate:yyyy-MM-dd}." };
        return date;
    }
}
