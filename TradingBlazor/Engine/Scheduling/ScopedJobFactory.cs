using Quartz;
using Quartz.Spi;

namespace TradingBlazor.Engine.Scheduling;

/// <summary>Quartz job factory over DI: each run gets its own scope, disposed when the run ends.</summary>
public sealed class ScopedJobFactory : IJobFactory
{
    private readonly IServiceScopeFactory _scopes;

    public ScopedJobFactory(IServiceScopeFactory scopes) => _scopes = scopes;

    public IJob NewJob(TriggerFiredBundle bundle, IScheduler scheduler) => new ScopedRun(_scopes, bundle.JobDetail.JobType);

    public void ReturnJob(IJob job) { }

    private sealed class ScopedRun : IJob
    {
        private readonly IServiceScopeFactory _scopes;
        private readonly Type _jobType;

        public ScopedRun(IServiceScopeFactory scopes, Type jobType)
        {
            _scopes = scopes;
            _jobType = jobType;
        }

        public async Task Execute(IJobExecutionContext context)
        {
            await using var scope = _scopes.CreateAsyncScope();
            var job = (IJob)scope.ServiceProvider.GetRequiredService(_jobType);
            await job.Execute(context);
        }
    }
}
