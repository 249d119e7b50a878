using Microsoft.Extensions.DependencyInjection;
using Quartz;
using TradingBlazor.Domain.Time;
using TradingBlazor.Engine.Market;
using TradingBlazor.Engine.Scheduling;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Scheduling;

public class SchedulingTests
{
    [Fact]
    public void Cron_triggers_fire_at_the_same_eastern_time_across_both_dst_changes()
    {
        var trigger = TriggerBuilder.Create(TimeProvider.System).StartAt(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
            .WithSchedule(SchedulingServices.EasternCron("0 0 4 * * ?")).Build();
        var fires = new List<DateTimeOffset>();
        DateTimeOffset? t = new DateTimeOffset(2026, 3, 5, 0, 0, 0, TimeSpan.Zero);
        // Walk through the March change, then jump to the November change.
        for (int i = 0; i < 6; i++) { t = trigger.GetFireTimeAfter(t); fires.Add(t!.Value); }
        t = new DateTimeOffset(2026, 10, 29, 0, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < 6; i++) { t = trigger.GetFireTimeAfter(t); fires.Add(t!.Value); }

        Assert.All(fires, f => Assert.Equal(new TimeOnly(4, 0), TimeOnly.FromDateTime(MarketTime.ToEastern(f.UtcDateTime))));
        Assert.Contains(fires, f => f.UtcDateTime == new DateTime(2026, 3, 7, 9, 0, 0, DateTimeKind.Utc)); // EST
        Assert.Contains(fires, f => f.UtcDateTime == new DateTime(2026, 3, 8, 8, 0, 0, DateTimeKind.Utc)); // EDT
        Assert.Contains(fires, f => f.UtcDateTime == new DateTime(2026, 10, 31, 8, 0, 0, DateTimeKind.Utc)); // EDT
        Assert.Contains(fires, f => f.UtcDateTime == new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc)); // EST
    }

    [Fact]
    public async Task The_session_roll_job_runs_at_startup_and_is_scheduled_daily()
    {
        await using var app = await TestApp.StartAsync();
        var state = app.Services.GetRequiredService<MarketSessionState>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (state.Current is null && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.NotNull(state.Current);

        var scheduler = app.Services.GetRequiredService<SchedulerMonitor>();
        Assert.True(await scheduler.IsRunningAsync());
        var next = (await scheduler.NextFireTimesAsync())[SessionRollJob.Name];
        Assert.NotNull(next);
        Assert.Equal(new TimeOnly(4, 0), TimeOnly.FromDateTime(MarketTime.ToEastern(next.Value.UtcDateTime)));
    }
}
