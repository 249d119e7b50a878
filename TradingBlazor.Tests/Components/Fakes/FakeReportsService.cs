using TradingBlazor.Domain.Calendar;
using TradingBlazor.Engine.Reports;
using TradingBlazor.Services;

namespace TradingBlazor.Tests.Components.Fakes;

/// <summary>Reports computed by the real calculator from trades held in memory (bots 1 "A" and 2 "B"); records every request.</summary>
public sealed class FakeReportsService : IReportsService
{
    public List<ReportTrade> Trades { get; } = new();
    public List<(ReportScope Scope, DateOnly From, DateOnly To)> Requests { get; } = new();
    public (DateOnly From, DateOnly To) Default { get; set; } = (new DateOnly(2025, 3, 3), new DateOnly(2025, 3, 7));

    public event Action? TradeClosed;

    public void CloseTrade(ReportTrade trade)
    {
        Trades.Add(trade);
        TradeClosed?.Invoke();
    }

    public Task<IReadOnlyList<ReportScopeOption>> ScopesAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<ReportScopeOption>>(new[]
    {
        new ReportScopeOption(ReportScope.Portfolio, "Portfolio (all bots)"), new ReportScopeOption(ReportScope.Bot(1), "A"),
        new ReportScopeOption(ReportScope.Bot(2), "B"), new ReportScopeOption(ReportScope.Bot(3), "Deleted"),
    });

    public (DateOnly From, DateOnly To) DefaultPeriod() => Default;

    public Task<PerformanceReport?> BuildAsync(ReportScope scope, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        Requests.Add((scope, from, to));
        if (scope.BotId is 3) return Task.FromResult<PerformanceReport?>(null);
        var trades = Trades.Where(t => (scope.BotId is null || t.BotId == scope.BotId) && DateOnly.FromDateTime(t.ExitUtc) >= from && DateOnly.FromDateTime(t.ExitUtc) <= to).ToList();
        var inputs = new ReportInputs(scope, scope.IsPortfolio ? "Portfolio" : scope.BotId == 1 ? "A" : "B", from, to, 10_000m, 0, trades,
            trades.Select(t => new HoldingSpan(t.EntryUtc, t.ExitUtc)).ToList(), new NyseCalendar().SessionsBetween(from, to).Select(s => s.Date).ToList());
        return Task.FromResult<PerformanceReport?>(ReportCalculator.Compute(inputs));
    }
}
