using System.Text.Json;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Engine.Backtesting;

namespace TradingBlazor.Api;

/// <summary>One combination of a sweep: its parameters, its figures (null where undefined or invalid) or why it could not run.</summary>
public sealed record SweepPointView(IReadOnlyDictionary<string, double> Parameters, double? Score, double? TotalReturnPct, double? MaxDrawdownPct,
    double? Sharpe, int? Trades, decimal? FinalEquity, string? Error);

/// <summary>A sweep's answer: every combination of the grid, how many the constraint skipped, and the points run, best first.</summary>
public sealed record SweepResultView(int Combinations, int Skipped, int Invalid, IReadOnlyList<SweepPointView> Points);

/// <summary>
/// <c>POST /api/backtests/sweeps</c>: a parameter sweep over the simulated market, answered when it is done (at most
/// <see cref="ParameterSweep.MaxCombinations"/> combinations). Bad ranges, a bad constraint, metric or template are a 400
/// naming the field.
/// </summary>
public static class SweepEndpoints
{
    public static void MapSweepEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/backtests/sweeps", async (HttpRequest http, SweepRunner runner, CancellationToken ct) =>
        {
            SweepRequest? request;
            try
            {
                request = await JsonSerializer.DeserializeAsync<SweepRequest>(http.Body, BacktestRequest.Json, ct);
            }
            catch (JsonException ex)
            {
                var error = JsonFieldError.Of(ex);
                return ApiProblems.Invalid(error.Field, error.Message);
            }
            if (request is null) return ApiProblems.Invalid("template", "is required.");
            try
            {
                var (plan, points) = await runner.SweepAsync(request, progress: null, ct);
                var score = ParameterSweep.Metrics[request.Metric];
                var rows = points.Select(p => new SweepPointView(p.Parameters, Finite(p.Metrics is { } m ? score(m) : null), p.Metrics?.TotalReturnPct,
                        p.Metrics?.MaxDrawdownPct, Finite(p.Metrics?.Sharpe), p.Metrics?.ClosedTrades, p.Metrics is null ? null : p.FinalEquity, p.Error))
                    .OrderByDescending(r => r.Score ?? double.NegativeInfinity).ToList();
                return Results.Ok(new SweepResultView(plan.Combinations, plan.Skipped, points.Count(p => p.Error is not null), rows));
            }
            catch (SweepInputException ex)
            {
                return ApiProblems.Invalid(ex.Field, ex.Message);
            }
            catch (BotConfigException ex)
            {
                return ApiProblems.Invalid("template", $"{ex.Field}: {ex.Problem}");
            }
            catch (InvalidOperationException ex)
            {
                return ApiProblems.Invalid("symbol", ex.Message);
            }
        }).Accepts<SweepRequest>("application/json").Produces<SweepResultView>().ProducesValidationProblem()
          .WithTags("Backtests").WithName("RunSweep")
          .WithSummary("Run a parameter sweep: { template, ranges: [\"fast=5:30:5\"], constraint: \"fast < slow\", symbol, from, to, metric }.");
    }

    // JSON has no NaN or infinity.
    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
