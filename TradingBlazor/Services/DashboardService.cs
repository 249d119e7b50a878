using Microsoft.Extensions.Diagnostics.HealthChecks;
using TradingBlazor.Adapters.Simulated;
using TradingBlazor.Data.Queries;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.Time;
using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Services;

/// <summary>One component's health, as the dashboard shows it.</summary>
public sealed record ComponentHealth(string Name, HealthStatus Status);

/// <summary>What the dashboard shows: today's session, bots, today's realized P&amp;L, system health and the chart's symbol.</summary>
public sealed record DashboardView(
    MarketStatus Market, IReadOnlyDictionary<BotStatus, int> BotsByStatus, decimal RealizedPnlToday, int TradesClosedToday,
    int OpenPositions, HealthStatus Health, IReadOnlyList<ComponentHealth> Components, string ChartSymbol);

public interface IDashboardService
{
    Task<DashboardView> LoadAsync(CancellationToken ct = default);
}

public sealed class DashboardService(IMarketCalendar calendar, TimeProvider clock, OverviewQueries queries, HealthCheckService health, SimulatedMarket simulated,
    Engine.Brokerage.BrokerConnection brokers) : IDashboardService
{
    public async Task<DashboardView> LoadAsync(CancellationToken ct = default)
    {
        // "Today" is the day the bots trade in: the simulated market's own day while trading is simulated.
        var now = brokers.Mode == Engine.Brokerage.BrokerMode.Simulated ? simulated.Clock.UtcNow() : clock.UtcNow();
        var sessionStart = MarketTime.ToUtc(MarketTime.EasternDate(now), TimeOnly.MinValue);
        var overview = await queries.GetOverviewAsync(sessionStart, ct);
        var report = await health.CheckHealthAsync(ct);
        return new DashboardView(
            calendar.GetStatus(now), overview.BotsByStatus, overview.RealizedPnlSince, overview.TradesClosedSince, overview.OpenPositions,
            report.Status, report.Entries.Select(e => new ComponentHealth(e.Key, e.Value.Status)).ToList(), simulated.Symbols[0]);
    }
}
