using Quartz;

namespace TradingBlazor.Engine.Scheduling;

/// <summary>What health and status pages read of the scheduler: whether it runs and each job's next fire time.</summary>
public sealed class SchedulerMonitor(ISchedulerFactory factory)
{
    public async Task<bool> IsRunningAsync(CancellationToken ct = default)
    {
        var scheduler = await factory.GetScheduler(ct);
        return scheduler.Status == SchedulerStatus.Running;
    }

    public async Task<IReadOnlyDictionary<string, DateTimeOffset?>> NextFireTimesAsync(CancellationToken ct = default)
    {
        var scheduler = await factory.GetScheduler(ct);
        var result = new Dictionary<string, DateTimeOffset?>();
        foreach (var job in await scheduler.GetJobKeys(GroupMatcher<JobKey>.AnyGroup(), ct))
        {
            var triggers = await scheduler.GetTriggersOfJob(job, ct);
            result[job.Name] = triggers.Select(t => t.NextFireTimeUtc).Where(t => t.HasValue).Min();
        }
        return result;
    }
}
