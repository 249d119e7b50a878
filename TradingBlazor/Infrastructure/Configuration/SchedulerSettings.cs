using Quartz;

namespace TradingBlazor.Infrastructure.Configuration;

/// <summary>Quartz job schedules. Cron expressions use Quartz syntax (seconds first) in America/New_York.</summary>
public sealed class SchedulerSettings : ISettings
{
    public static string Section => "Scheduler";

    /// <summary>When the daily session roll runs (default 04:00 ET, before pre-market).</summary>
    public string SessionRollCron { get; set; } = "0 0 4 * * ?";

    public IEnumerable<string> Validate()
    {
        if (!CronExpression.TryParse(SessionRollCron, out _))
            yield return $"Scheduler:SessionRollCron '{SessionRollCron}' is not a valid Quartz cron expression (e.g. \"0 0 4 * * ?\").";
    }
}
