using System.Globalization;
using TradingBlazor.Engine.Backtesting;
using TradingBlazor.Engine.Events;
using TradingBlazor.Engine.Reports;

namespace TradingBlazor.Services;

/// <summary>A scope the Reports page offers: the portfolio or one bot.</summary>
public sealed record ReportScopeOption(ReportScope Scope, string Label);

/// <summary>What the Reports page draws: realized equity and drawdown (percent) per day, in lightweight-charts' shape.</summary>
public sealed record ReportChart(IReadOnlyList<ChartLinePoint> Equity, IReadOnlyList<ChartLinePoint> Drawdown)
{
    public static ReportChart Of(PerformanceReport report)
    {
        static long Time(DateOnly d) => new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();
        return new ReportChart(report.Days.Select(d => new ChartLinePoint(Time(d.Date), (double)d.Equity)).ToList(),
            report.Days.Select(d => new ChartLinePoint(Time(d.Date), d.DrawdownPct)).ToList());
    }
}

/// <summary>Performance reports for the Reports page: scopes, reports, their chart and the download links.</summary>
public interface IReportsService
{
    /// <summary>Raised (on the publisher's thread) when a round trip closes: a report that covers today may have changed.</summary>
    event Action? TradeClosed;

    Task<IReadOnlyList<ReportScopeOption>> ScopesAsync(CancellationToken ct = default);

    (DateOnly From, DateOnly To) DefaultPeriod();

    /// <summary>The report, or null when the bot no longer exists.</summary>
    Task<PerformanceReport?> BuildAsync(ReportScope scope, DateOnly from, DateOnly to, CancellationToken ct = default);

    /// <summary>The address of the report's download (extension "csv" or "pdf"), relative to the app's base.</summary>
    string DownloadUrl(ReportScope scope, DateOnly from, DateOnly to, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"api/reports/{scope.Slug}.{extension}?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");
}

public sealed class ReportsUiService : IReportsService, IDisposable
{
    private readonly ReportService _reports;
    private readonly TradingEventBus _bus;

    public ReportsUiService(ReportService reports, TradingEventBus bus)
    {
        (_reports, _bus) = (reports, bus);
        _bus.Published += OnPublished;
    }

    public event Action? TradeClosed;

    public async Task<IReadOnlyList<ReportScopeOption>> ScopesAsync(CancellationToken ct = default) =>
        (await _reports.BotsAsync(ct)).Select(b => new ReportScopeOption(ReportScope.Bot(b.Id), b.Name))
            .Prepend(new ReportScopeOption(ReportScope.Portfolio, "Portfolio (all bots)")).ToList();

    public (DateOnly From, DateOnly To) DefaultPeriod() => _reports.DefaultPeriod();

    public Task<PerformanceReport?> BuildAsync(ReportScope scope, DateOnly from, DateOnly to, CancellationToken ct = default) =>
        _reports.BuildAsync(scope, from, to, ct);

    private void OnPublished(TradingEvent e)
    {
        if (e.Data is FillUpdate { RealizedPnl: not null }) TradeClosed?.Invoke();
    }

    public void Dispose() => _bus.Published -= OnPublished;
}
