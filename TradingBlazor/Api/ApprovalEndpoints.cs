using System.Text.Json;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Engine.Trading;

namespace TradingBlazor.Api;

/// <summary>The approval queue: list, approve (checked again before anything is sent) and reject, each decision audited.</summary>
public static class ApprovalEndpoints
{
    private const int MaxNoteLength = 500;

    /// <summary>An optional note kept with the decision.</summary>
    public sealed record DecisionBody(string? Note);

    public static void MapApprovalEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/approvals").WithTags("Approvals");

        group.MapGet("/", (long? bot, string? status, int? n, HttpContext http, CancellationToken ct) => ApiProblems.WithAsync<IApprovalService>(http, async approvals =>
        {
            ApprovalStatus? wanted = ApprovalStatus.Pending;
            if (status == "all") wanted = null;
            else if (status is { Length: > 0 })
            {
                if (int.TryParse(status, out _) || !Enum.TryParse<ApprovalStatus>(status, ignoreCase: true, out var parsed))
                    return ApiProblems.Invalid("status", $"must be all or one of {string.Join(", ", Enum.GetNames<ApprovalStatus>()).ToLowerInvariant()}.");
                wanted = parsed;
            }
            if (n is < 1 or > 1000) return ApiProblems.Invalid("n", "must be between 1 and 1000.");
            return Results.Ok(await approvals.ListAsync(new ApprovalFilter(bot, wanted, n ?? 200), ct));
        })).Produces<List<ApprovalView>>().ProducesValidationProblem()
            .WithName("ListApprovals").WithSummary("Signals waiting for the trader (status=pending, the default), or decided ones (status=approved|rejected|expired|refused|all).");

        group.MapGet("/{id:long}", (long id, HttpContext http, CancellationToken ct) => ApiProblems.WithAsync<IApprovalService>(http, async approvals =>
            await approvals.GetAsync(id, ct) is { } a ? Results.Ok(a) : ApiProblems.NotFound($"No approval {id}.")))
            .Produces<ApprovalView>().ProducesProblem(StatusCodes.Status404NotFound).WithName("GetApproval").WithSummary("One approval with its decision.");

        Map(group, "approve", "Approve: the risk engine, the window, the position and the price drift are checked again; the order is sent or refused with its reason.",
            (a, id, by, note, ct) => a.ApproveAsync(id, by, note, ct));
        Map(group, "reject", "Reject: nothing is sent; the decision is kept with the signal.", (a, id, by, note, ct) => a.RejectAsync(id, by, note, ct));
    }

    private static void Map(RouteGroupBuilder group, string verb, string summary, Func<IApprovalService, long, string, string?, CancellationToken, Task<ApprovalResult>> decide) =>
        group.MapPost($"/{{id:long}}/{verb}", (long id, HttpContext http, CancellationToken ct) => ApiProblems.WithAsync<IApprovalService>(http, async approvals =>
        {
            var (note, problem) = await ReadNoteAsync(http.Request, ct);
            if (problem is not null) return problem;
            var result = await decide(approvals, id, Decider(http), note, ct);
            return result.Ok ? Results.Ok(result.Approval) : ApiProblems.Of(result.Problem!);
        })).Accepts<DecisionBody>("application/json").Produces<ApprovalView>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName($"{char.ToUpperInvariant(verb[0])}{verb[1..]}Approval").WithSummary(summary);

    /// <summary>Who decides: the trader (an API key's name once keys exist).</summary>
    private static string Decider(HttpContext http) => http.User.Identity?.Name is { Length: > 0 } name ? name : "trader";

    private static async Task<(string? Note, IResult? Problem)> ReadNoteAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength is null or 0 && !request.Headers.TransferEncoding.Any()) return (null, null);
        if (request.ContentLength > 16 * 1024) return (null, Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The body is larger than 16 KB."));
        try
        {
            var body = await JsonSerializer.DeserializeAsync<DecisionBody>(request.Body, new JsonSerializerOptions(JsonSerializerDefaults.Web), ct);
            if (body?.Note is { Length: > MaxNoteLength }) return (null, ApiProblems.Invalid("note", $"must be at most {MaxNoteLength} characters."));
            return (body?.Note, null);
        }
        catch (JsonException ex)
        {
            var error = Domain.Strategies.Config.JsonFieldError.Of(ex);
            return (null, ApiProblems.Invalid(error.Field, error.Message));
        }
    }
}
