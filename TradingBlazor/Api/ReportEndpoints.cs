using System.Globalization;
using System.Text;
using TradingBlazor.Engine.Reports;
using TradingBlazor.Engine.Reports.Pdf;

namespace TradingBlazor.Api;

/// <summary>
/// Performance reports of a bot (<c>{scope}</c> = its id) or of every bot (<c>portfolio</c>) over
/// <c>from</c>..<c>to</c> (New York dates, yyyy-MM-dd, both included; default the three months to today).
/// </summary>
public static class ReportEndpoints
{
    public static void MapReportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/reports").WithTags("Reports");

        group.MapGet("/{scope}.csv", (string scope, HttpContext http, CancellationToken ct) => WithReportAsync(http, scope, ct, async (_, report) =>
                Results.File(Encoding.UTF8.GetBytes(ReportService.Csv(report, await DivergenceAsync(http, report, ct))), "text/csv; charset=utf-8",
                    ReportService.FileName(report, "csv"))))
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ReportCsv").WithSummary("A report as CSV: summary, daily/weekly/monthly returns, breakdowns, trades and the backtest beside live.");

        group.MapGet("/{scope}.pdf", (string scope, HttpContext http, CancellationToken ct) => WithReportAsync(http, scope, ct, async (reports, report) =>
            {
                var divergence = await DivergenceAsync(http, report, ct);
                try { return Results.File(reports.Pdf(report, divergence), "application/pdf", ReportService.FileName(report, "pdf")); }
                catch (ReportFontsMissingException ex) { return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: ex.Message); }
            }))
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ReportPdf").WithSummary("A report as a PDF tear sheet (figures, equity and drawdown charts, returns, breakdowns, backtest vs live).");

        group.MapGet("/{scope}", (string scope, HttpContext http, CancellationToken ct) => WithReportAsync(http, scope, ct, (_, report) =>
                Task.FromResult(Results.Ok(ReportFigures.Of(report).ToDictionary(f => f.Key, f => double.IsPositiveInfinity(f.Value) ? (object?)null : f.Money ?? (object)f.Value)))))
            .Produces<Dictionary<string, object?>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ReportSummary").WithSummary("A report's headline figures as JSON (profit factor null when there is no loss).");
    }

    // The backtest beside live over the report's scope and period (the report exists, so its bot does).
    private static async Task<Engine.Reports.Divergence.DivergenceReport?> DivergenceAsync(HttpContext http, PerformanceReport report, CancellationToken ct) =>
        await http.RequestServices.GetRequiredService<Engine.Reports.Divergence.DivergenceService>().BuildAsync(report.Scope, report.From, report.To, ct);

    private static Task<IResult> WithReportAsync(HttpContext http, string scopeText, CancellationToken ct, Func<ReportService, PerformanceReport, Task<IResult>> answer) =>
        ApiProblems.WithAsync<ReportService>(http, async reports =>
        {
            var errors = new Dictionary<string, string[]>();
            var scope = Scope(scopeText, errors);
            var (defaultFrom, defaultTo) = reports.DefaultPeriod();
            var from = Date(http.Request.Query, "from", errors) ?? defaultFrom;
            var to = Date(http.Request.Query, "to", errors) ?? defaultTo;
            if (errors.Count == 0 && to < from) errors["to"] = new[] { "must not be before 'from'." };
            if (errors.Count == 0 && to.DayNumber - from.DayNumber >= ReportService.MaxDays)
                errors["to"] = new[] { $"a report covers at most {ReportService.MaxDays} days." };
            if (errors.Count > 0) return Results.ValidationProblem(errors);
            var report = await reports.BuildAsync(scope!, from, to, ct);
            return report is null ? ApiProblems.NotFound($"No bot {scopeText}.") : await answer(reports, report);
        });

    private static ReportScope? Scope(string text, Dictionary<string, string[]> errors)
    {
        if (string.Equals(text, "portfolio", StringComparison.OrdinalIgnoreCase)) return ReportScope.Portfolio;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0) return ReportScope.Bot(id);
        errors["scope"] = new[] { $"'{text}' is neither 'portfolio' nor a bot id (a whole number)." };
        return null;
    }

    private static DateOnly? Date(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        if (!query.TryGetValue(name, out var value)) return null;
        if (DateOnly.TryParseExact(value.ToString().Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors[name] = new[] { $"'{value}' is not a date (yyyy-MM-dd, New York)." };
        return null;
    }
}
