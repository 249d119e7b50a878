using TradingBlazor.Adapters.Simulated;
using TradingBlazor.Domain.Time;
using TradingBlazor.Engine.Brokerage;
using TradingBlazor.Engine.Reports.Pdf;

namespace TradingBlazor.Engine.Reports;

/// <summary>Builds performance reports from the store and renders them as CSV and PDF (the page and the API share it).</summary>
public sealed class ReportService(ReportSource source, TimeProvider clock, SimulatedMarket simulated, BrokerConnection brokers, ML.PredictionOutcomes predictions)
{
    /// <summary>The longest period one report covers (a bound on the work a request can ask for).</summary>
    public const int MaxDays = 366 * 10;

    public Task<IReadOnlyList<ReportBot>> BotsAsync(CancellationToken ct = default) => source.BotsAsync(ct);

    /// <summary>The report, or null when the scope names a bot that does not exist.</summary>
    public async Task<PerformanceReport?> BuildAsync(ReportScope scope, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        if (await source.LoadAsync(scope, from, to, ct) is not { } inputs) return null;
        var report = ReportCalculator.Compute(inputs);
        return scope.BotId is { } bot
            ? report with { Predictions = await predictions.ScoreAsync(bot, MarketTime.ToUtc(from, TimeOnly.MinValue), MarketTime.ToUtc(to.AddDays(1), TimeOnly.MinValue), ct) }
            : report;
    }

    public static string Csv(PerformanceReport report, Divergence.DivergenceReport? divergence = null) => ReportCsv.Write(report, divergence);

    /// <exception cref="ReportFontsMissingException">The machine has no TrueType font to set the PDF in.</exception>
    public byte[] Pdf(PerformanceReport report, Divergence.DivergenceReport? divergence = null) => TearSheet.Build(report, clock.UtcNow(), divergence);

    /// <summary>The New York date the bots trade in: the simulated market's own while trading is simulated.</summary>
    public DateOnly Today() => MarketTime.EasternDate(brokers.Mode == BrokerMode.Simulated ? simulated.Clock.UtcNow() : clock.UtcNow());

    /// <summary>The period a report covers unless told otherwise: the three months to today.</summary>
    public (DateOnly From, DateOnly To) DefaultPeriod()
    {
        var to = Today();
        return (to.AddMonths(-3).AddDays(1), to);
    }

    public static string FileName(PerformanceReport r, string extension) =>
        $"report-{r.Scope.Slug}-{ReportFormat.Date(r.From)}-{ReportFormat.Date(r.To)}.{extension}";
}

public static class ReportServices
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddSingleton<ReportSource>();
        services.AddSingleton<ReportService>();
        services.AddSingleton<Divergence.DivergenceSource>();
        services.AddSingleton(sp => new Divergence.DivergenceService(sp.GetRequiredService<ReportSource>(), sp.GetRequiredService<Divergence.DivergenceSource>(),
            Divergence.LiveBars.Source(sp)));
        return services;
    }
}
