using Quartz;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.Time;

namespace TradingBlazor.Engine.Market;

/// <summary>Daily job (and once at startup): works out today's session from the calendar and publishes it.</summary>
[DisallowConcurrentExecution]
public sealed class SessionRollJob : IJob
{
    public const string Name = "session-roll";

    private readonly IMarketCalendar _calendar;
    private readonly TimeProvider _clock;
    private readonly MarketSessionState _state;
    private readonly ILogger<SessionRollJob> _log;

    public SessionRollJob(IMarketCalendar calendar, TimeProvider clock, MarketSessionState state, ILogger<SessionRollJob> log)
    {
        _calendar = calendar;
        _clock = clock;
        _state = state;
        _log = log;
    }

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var status = _calendar.GetStatus(_clock.UtcNow());
        _state.Roll(status);
        if (status.Today is { } session)
            _log.LogInformation("Session roll: {Date} trades {Open:HH:mm}-{Close:HH:mm} ET{Early}",
                session.Date, MarketTime.ToEastern(session.OpenUtc), MarketTime.ToEastern(session.CloseUtc), session.IsEarlyClose ? " (early close)" : "");
        else
            _log.LogInformation("Session roll: market closed today ({Reason}); next open {NextOpen:yyyy-MM-dd HH:mm} ET",
                status.HolidayName ?? "weekend", MarketTime.ToEastern(status.NextOpenUtc));
        return ValueTask.CompletedTask;
    }
}
