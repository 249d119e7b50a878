using TradingBlazor.Domain.Calendar;

namespace TradingBlazor.Engine.Trading;

/// <summary>
/// No overnight: the instant each session's positions are flattened, a number of minutes before that session's close
/// (15:55 New York on a normal day, 12:55 on an early close). Looked up once per date: it is asked on every bar.
/// </summary>
public sealed class FlattenSchedule
{
    private readonly IMarketCalendar _calendar;
    private readonly TimeSpan _before;
    private DateOnly _date;
    private (DateTime At, DateTime Close)? _today;

    public FlattenSchedule(IMarketCalendar calendar, int minutesBeforeClose)
    {
        _calendar = calendar;
        _before = TimeSpan.FromMinutes(minutesBeforeClose);
    }

    /// <summary>When the session of <paramref name="date"/> flattens, and its close; null when the market is closed that day.</summary>
    public (DateTime At, DateTime Close)? For(DateOnly date)
    {
        if (date != _date || _date == default)
        {
            _date = date;
            _today = _calendar.GetSession(date) is { } s ? (s.CloseUtc - _before, s.CloseUtc) : null;
        }
        return _today;
    }
}
