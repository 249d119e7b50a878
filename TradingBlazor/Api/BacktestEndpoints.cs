using System.Text.Json;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Engine.Backtesting;

namespace TradingBlazor.Api;

/// <summary>
/// REST access to backtests: start (202 with the run's URL), poll status and progress, fetch results and CSVs, cancel.
/// Bodies use the bot config's snake_case JSON; bad input is a 400 problem-details response naming each field.
/// </summary>
public static class BacktestEndpoints
{
    public static void MapBacktestEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/backtests").WithTags("Backtests");

        group.MapPost("/", async (HttpRequest http, BacktestService service, CancellationToken ct) =>
        {
            BacktestRequest? request;
            try
            {
                request = await JsonSerializer.DeserializeAsync<BacktestRequest>(http.Body, BacktestRequest.Json, ct);
            }
            catch (JsonException ex)
            {
                var error = JsonFieldError.Of(ex);
                return ApiProblems.Invalid(error.Field, error.Message);
            }
            if (request?.Config is null)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["config"] = new[] { "is required." } });
            var (id, errors) = await service.StartAsync(request, ct);
            if (id is null)
                return Results.ValidationProblem(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
            return Results.Accepted($"/api/backtests/{id}", new BacktestStarted(id.Value, BacktestStatus.Queued, $"/api/backtests/{id}"));
        }).Accepts<BacktestRequest>("application/json").Produces<BacktestStarted>(StatusCodes.Status202Accepted).ProducesValidationProblem()
          .WithName("StartBacktest").WithSummary("Start a backtest: { config, from, to, source: simulated|store, capital, costs }.");

        group.MapGet("/", async (BacktestService service, CancellationToken ct) =>
            Results.Ok((await service.ListAsync(100, ct)).Select(r => new BacktestRunItem(
                r.Id, r.Name, r.Symbols, r.Timeframe, r.FromUtc, r.ToUtc, r.Source, r.Status, r.Error, r.CreatedAt, r.FinishedAt, r.FinalEquity,
                service.LiveProgress(r.Id)?.Progress)))).Produces<List<BacktestRunItem>>().WithName("ListBacktests");

        group.MapGet("/{id:long}", async (long id, BacktestService service, CancellationToken ct) =>
        {
            var run = await service.GetAsync(id, ct);
            if (run is null) return Results.Problem(statusCode: 404, title: $"No backtest {id}.");
            return Results.Ok(new BacktestRunDetails(
                run.Id, run.Name, run.Symbols, run.Timeframe, run.FromUtc, run.ToUtc, run.Source, run.Status, run.Error, run.CreatedAt, run.FinishedAt,
                run.Status.IsActive() ? service.LiveProgress(id)?.Progress ?? 0 : 1,
                JsonDocument.Parse(run.RequestJson).RootElement,
                run.SummaryJson is null ? null : JsonDocument.Parse(run.SummaryJson).RootElement));
        }).Produces<BacktestRunDetails>().ProducesProblem(StatusCodes.Status404NotFound).WithName("GetBacktest");

        group.MapGet("/{id:long}/trades", async (long id, BacktestService service, CancellationToken ct) =>
            await service.GetAsync(id, ct) is { TradesJson: { } json } ? Results.Text(json, "application/json") : Results.Problem(statusCode: 404, title: $"No results for backtest {id}."))
            .Produces<List<StoredTrade>>().ProducesProblem(StatusCodes.Status404NotFound).WithName("GetBacktestTrades");

        group.MapGet("/{id:long}/equity", async (long id, BacktestService service, CancellationToken ct) =>
            await service.GetAsync(id, ct) is { EquityJson: { } json } ? Results.Text(json, "application/json") : Results.Problem(statusCode: 404, title: $"No results for backtest {id}."))
            .Produces<List<EquityPointView>>().ProducesProblem(StatusCodes.Status404NotFound).WithName("GetBacktestEquity");

        group.MapGet("/{id:long}/trades.csv", async (long id, BacktestService service, CancellationToken ct) =>
            await service.GetAsync(id, ct) is { TradesJson: not null } run
                ? Results.File(System.Text.Encoding.UTF8.GetBytes(BacktestCsv.Trades(BacktestChartBuilder.Trades(run))), "text/csv", $"backtest-{id}-trades.csv")
                : Results.Problem(statusCode: 404, title: $"No results for backtest {id}."))
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblem(StatusCodes.Status404NotFound).WithName("ExportBacktestTrades");

        group.MapGet("/{id:long}/equity.csv", async (long id, BacktestService service, CancellationToken ct) =>
            await service.GetAsync(id, ct) is { EquityJson: { } json }
                ? Results.File(System.Text.Encoding.UTF8.GetBytes(BacktestCsv.Equity(json)), "text/csv", $"backtest-{id}-equity.csv")
                : Results.Problem(statusCode: 404, title: $"No results for backtest {id}."))
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblem(StatusCodes.Status404NotFound).WithName("ExportBacktestEquity");

        group.MapPost("/{id:long}/cancel", (long id, BacktestService service) =>
            service.Cancel(id) ? Results.Accepted($"/api/backtests/{id}") : Results.Problem(statusCode: 409, title: $"Backtest {id} is not running."))
            .Produces(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status409Conflict).WithName("CancelBacktest");
    }
}
