using System.Collections.Specialized;
using Quartz;
using Quartz.Impl;
using TradingBlazor.Domain.Time;

namespace TradingBlazor.Engine.Scheduling;

/// <summary>
/// Hosts one Quartz scheduler for the app (Quartz's own hosting package is not available here) and schedules
/// every registered <see cref="ScheduledJob"/> with a cron trigger in America/New_York, DST-correct.
/// </summary>
public sealed class SchedulerService : IHostedService
{
    private readonly IEnumerable<ScheduledJob> _jobs;
    private readonly IServiceProvider _services;
    private readonly ILogger<SchedulerService> _log;
    private IScheduler? _scheduler;

    public SchedulerService(IEnumerable<ScheduledJob> jobs, IServiceProvider services, ILogger<SchedulerService> log)
    {
        _jobs = jobs;
        _services = services;
        _log = log;
    }

    /// <summary>True while the scheduler runs; the health check reports it.</summary>
    public bool IsRunning => _scheduler is { IsStarted: true, IsShutdown: false, InStandbyMode: false };

    /// <summary>The next fire time of each job, for health and status pages.</summary>
    public async Task<IReadOnlyDictionary<string, DateTimeOffset?>> NextFireTimesAsync(CancellationToken ct = default)
    {
        var result = new Dictionary<string, DateTimeOffset?>();
        if (_scheduler is null) return result;
        foreach (var job in _jobs)
        {
            var triggers = await _scheduler.GetTriggersOfJob(new JobKey(job.Name), ct);
            result[job.Name] = triggers.Select(t => t.GetNextFireTimeUtc()).Where(t => t.HasValue).Min();
        }
        return result;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The scheduler repository is process-wide: a unique name keeps hosts in one process (tests) apart.
        var properties = new NameValueCollection
        {
            ["quartz.scheduler.instanceName"] = $"TradingBlazor-{Guid.NewGuid():N}",
            ["quartz.threadPool.maxConcurrency"] = "4",
        };
        _scheduler = await new StdSchedulerFactory(properties).GetScheduler(cancellationToken);
        _scheduler.JobFactory = new ScopedJobFactory(_services.GetRequiredService<IServiceScopeFactory>());

        foreach (var job in _jobs)
        {
            var cron = job.Cron(_services);
            var detail = JobBuilder.Create(job.JobType).WithIdentity(job.Name).Build();
            var triggers = new List<ITrigger> { BuildCronTrigger(job.Name, cron) };
            if (job.RunAtStartup)
                triggers.Add(TriggerBuilder.Create().WithIdentity(job.Name + ".startup").StartNow().Build());
            await _scheduler.ScheduleJob(detail, triggers, replace: true, cancellationToken);
            _log.LogInformation("Scheduled {Job} with cron {Cron} (America/New_York)", job.Name, cron);
        }
        await _scheduler.Start(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_scheduler is not null)
            await _scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
    }

    /// <summary>A cron trigger evaluated in exchange time, so "04:00" stays 04:00 ET across DST changes.</summary>
    public static ITrigger BuildCronTrigger(string name, string cron, DateTimeOffset? startAt = null) =>
        TriggerBuilder.Create()
            .WithIdentity(name + ".cron")
            .StartAt(startAt ?? DateTimeOffset.UtcNow)
            .WithSchedule(CronScheduleBuilder.CronSchedule(cron).InTimeZone(MarketTime.Eastern).WithMisfireHandlingInstructionFireAndProceed())
            .Build();
}
