using TradingBlazor.Engine.Reports;
using TradingBlazor.Engine.Reports.Divergence;
using TradingBlazor.Services;
using TradingBlazor.Tests.Reports;

namespace TradingBlazor.Tests.Components.Fakes;

/// <summary>The worked sample divergence for bot 1 and the portfolio; none for other bots. Records every request.</summary>
public sealed class FakeReportDivergence : IReportDivergence
{
    public List<(ReportScope Scope, DateOnly From, DateOnly To)> Requests { get; } = new();

    public Task<DivergenceReport?> BuildAsync(ReportScope scope, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        Requests.Add((scope, from, to));
        return Task.FromResult(scope.IsPortfolio ? DivergenceSamples.ForPortfolio() : scope.BotId == 1 ? DivergenceSamples.ForBot() : null);
    }
}
