using TradingBlazor.Engine.Reports;
using TradingBlazor.Engine.Reports.Divergence;

namespace TradingBlazor.Services;

/// <summary>The Reports page's backtest-vs-live section: the scope's divergence over the report's period.</summary>
public interface IReportDivergence
{
    /// <summary>Null when the scope names a bot that no longer exists.</summary>
    Task<DivergenceReport?> BuildAsync(ReportScope scope, DateOnly from, DateOnly to, CancellationToken ct = default);
}

public sealed class ReportDivergenceUiService(DivergenceService divergence) : IReportDivergence
{
    public Task<DivergenceReport?> BuildAsync(ReportScope scope, DateOnly from, DateOnly to, CancellationToken ct = default) =>
        divergence.BuildAsync(scope, from, to, ct);
}
