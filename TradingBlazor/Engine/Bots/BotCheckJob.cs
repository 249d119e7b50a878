using Quartz;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.Time;

namespace TradingBlazor.Engine.Bots;

/// <summary>
/// Ten seconds into every minute of a New York trading session: bots on a live feed catch up on minutes the feed did
/// not deliver (<see cref="BotRuntime.CatchUpAsync"/>). Weekends, holidays and the hours outside a session
/// (an early close included) are skipped by the calendar, not by the cron alone.
/// </summary>
[DisallowConcurrentExecution]
public sealed class BotCheckJob(BotRuntime runtime, IMarketCalendar calendar, TimeProvider clock) : IJob
{
    public const string Name = "bot-check";
    public const string Cron = "10 * 9-16 ? * MON-FRI";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow();
        if (!calendar.IsOpenAt(now.AddMinutes(-1))) return; // the minute that just closed was not in a session
        await runtime.CatchUpAsync(now, cancellationToken);
    }
}
