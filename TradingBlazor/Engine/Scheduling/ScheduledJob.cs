using Quartz;

namespace TradingBlazor.Engine.Scheduling;

/// <summary>A job the app schedules: its type, a Quartz cron expression (America/New_York), and whether it also runs at startup.</summary>
public sealed record ScheduledJob(Type JobType, string Name, Func<IServiceProvider, string> Cron, bool RunAtStartup);

public static class ScheduledJobRegistration
{
    /// <summary>Registers a job class (resolved from a fresh DI scope on every run) with its schedule.</summary>
    public static IServiceCollection AddScheduledJob<TJob>(this IServiceCollection services, string name, Func<IServiceProvider, string> cron, bool runAtStartup = false)
        where TJob : class, IJob
    {
        services.AddScoped<TJob>();
        services.AddSingleton(new ScheduledJob(typeof(TJob), name, cron, runAtStartup));
        return services;
    }
}
