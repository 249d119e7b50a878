using System.Text.Json;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Engine.Backtesting;
using TradingBlazor.Engine.ML;

namespace TradingBlazor.Api;

public sealed record TrainingStarted(long Id, BacktestStatus Status, string Url);

/// <summary>
/// The model registry over REST: list the registered models with their validation, start a training on stored bars
/// (202 with the training's URL), follow and cancel it. Bodies are snake_case; bad input is a 400 naming each field.
/// Answers are camelCase like the rest of the API; an AUC without both classes is written as "NaN", not refused.
/// </summary>
public static class ModelEndpoints
{
    private static readonly JsonSerializerOptions Answers = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static void MapModelEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/models").WithTags("Models");

        group.MapGet("/", async (ModelCatalog catalog, CancellationToken ct) => Results.Json(await catalog.ListAsync(ct), Answers))
            .Produces<List<RegisteredModel>>().WithName("ListModels").WithSummary("Registered models, newest version first, with metrics and the bots using them.");

        group.MapPost("/train", async (HttpRequest http, ModelTrainingService trainings, CancellationToken ct) =>
        {
            TrainingJobRequest? request;
            try
            {
                request = await JsonSerializer.DeserializeAsync<TrainingJobRequest>(http.Body, TrainingJobRequest.Json, ct);
            }
            catch (JsonException ex)
            {
                var error = JsonFieldError.Of(ex);
                return ApiProblems.Invalid(error.Field, error.Message);
            }
            if (request is null) return ApiProblems.Invalid("$", "The document is empty.");
            var (id, errors) = await trainings.StartAsync(request, ct);
            if (id is null) return ApiProblems.Invalid(errors);
            var url = $"/api/models/trainings/{id}";
            http.HttpContext.Response.Headers.Location = url;
            return Results.Json(new TrainingStarted(id.Value, BacktestStatus.Queued, url), Answers, statusCode: StatusCodes.Status202Accepted);
        }).Accepts<TrainingJobRequest>("application/json").Produces<TrainingStarted>(StatusCodes.Status202Accepted).ProducesValidationProblem()
          .WithName("TrainModel").WithSummary("Train on stored bars: { symbol, timeframe, from, to, model: forest|lstm|ensemble, seed, folds }.");

        group.MapGet("/trainings", async (ModelTrainingService trainings, CancellationToken ct) =>
            Results.Json((await trainings.ListAsync(50, ct)).Select(r => TrainingView.Of(r, trainings.LiveProgress(r.Id))), Answers))
            .Produces<List<TrainingView>>().WithName("ListTrainings");

        group.MapGet("/trainings/{id:long}", async (long id, ModelTrainingService trainings, CancellationToken ct) =>
            await trainings.GetAsync(id, ct) is { } r ? Results.Json(TrainingView.Of(r, trainings.LiveProgress(id)), Answers) : ApiProblems.NotFound($"No training {id}."))
            .Produces<TrainingView>().ProducesProblem(StatusCodes.Status404NotFound).WithName("GetTraining");

        group.MapPost("/trainings/{id:long}/cancel", (long id, ModelTrainingService trainings) =>
            trainings.Cancel(id) ? Results.Accepted($"/api/models/trainings/{id}") : Results.Problem(statusCode: 409, title: $"Training {id} is not running."))
            .Produces(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status409Conflict).WithName("CancelTraining");
    }
}
