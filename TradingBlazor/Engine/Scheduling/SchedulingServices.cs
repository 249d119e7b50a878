using Microsoft.Extensions.Options;
using Quartz;
using TradingBlazor.Domain.Time;
using TradingBlazor.Engine.Market;
using TradingBlazor.Infrastructure.Configuration;

namespace TradingBlazor.Engine.Scheduling;

/// <summary>
/// Quartz's own hosting: one scheduler per host, jobs resolved from a DI scope per run by
/// Quartz's job factory, every cron evaluated in America/New_York so "04:00" stays 04:00 ET across DST changes.
/// </summary>
public static class SchedulingServices
{
    public static IServiceCollection AddTradingScheduler(this IServiceCollection services)
    {
        services.AddQuartz(q =>
        {
            // Quartz's scheduler repository is process-wide: a unique name keeps hosts in one process (tests) apart.
            q.ConfigureScheduler(o => o.InstanceName = $"TradingBlazor-{Guid.NewGuid():N}");
            q.UseDefaultThreadPool(maxConcurrency: 4);
            q.AddDailyJob<SessionRollJob>(SessionRollJob.Name, sp => sp.GetRequiredService<IOptions<SchedulerSettings>>().Value.SessionRollCron);
            q.RunAtStartup(new JobKey(SessionRollJob.Name));
            q.AddDailyJob<Bots.BotCheckJob>(Bots.BotCheckJob.Name, _ => Bots.BotCheckJob.Cron);
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddSingleton<SchedulerMonitor>();
        return services;
    }

    /// <summary>A job on an exchange-time cron read from the app's settings.</summary>
    public static IQuartzBuilder AddDailyJob<TJob>(this IQuartzBuilder q, string name, Func<IServiceProvider, string> cron) where TJob : IJob
    {
        var key = new JobKey(name);
        q.AddJob<TJob>(j => j.WithIdentity(key));
        return q.AddTrigger<TJob>((sp, t) => t.ForJob(key).WithIdentity(name + ".cron").WithSchedule(EasternCron(cron(sp))));
    }

    /// <summary>A cron schedule in exchange time; a fire missed while the scheduler was busy runs as soon as it can
    /// (a restart is covered by the run at startup: the in-memory store keeps nothing across one).</summary>
    public static CronScheduleBuilder EasternCron(string cron) =>
        CronScheduleBuilder.Create(cron).InTimeZone(MarketTime.Eastern).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed);
}
