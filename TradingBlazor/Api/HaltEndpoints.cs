using System.Text.Json;
using TradingBlazor.Domain.Safety;
using TradingBlazor.Engine.Bots;

namespace TradingBlazor.Api;

/// <summary>
/// The trader's brakes over REST: halting one bot (reduce-only, its open orders cancelled, optionally flattened),
/// clearing its halts, and the kill switch for every bot at once.
/// </summary>
public static class HaltEndpoints
{
    private const int MaxBodyBytes = 4 * 1024;

    public static RouteGroupBuilder MapHaltEndpoints(this RouteGroupBuilder bots)
    {
        bots.MapPost("/{id:long}/halt", (long id, string? flatten, HttpContext http, CancellationToken ct) => ApiProblems.WithAsync<IBotService>(http, async service =>
        {
            if (!TryFlag(flatten, out var sell)) return ApiProblems.Invalid("flatten", "must be true or false.");
            return Answer(await service.HaltAsync(id, Caller(http), sell, ct));
        })).Produces<BotView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("HaltBot").WithSummary("Cancel the bot's open orders and make it reduce-only until cleared; ?flatten=true also sells its positions.");

        bots.MapPost("/{id:long}/clear-halt", (long id, HttpContext http, CancellationToken ct) => ApiProblems.WithAsync<IBotService>(http, async service =>
            Answer(await service.ClearHaltAsync(id, Caller(http), ct))))
            .Produces<BotView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("ClearBotHalt").WithSummary("Clear the bot's halts (reduce-only and the daily loss limit's); 409 while the kill switch is engaged.");
        return bots;
    }

    public static void MapKillSwitchEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/kill-switch").WithTags("Kill switch");

        group.MapGet("/", (HttpContext http, CancellationToken ct) => ApiProblems.WithAsync<IKillSwitch>(http, ks => Task.FromResult(Results.Ok(ks.State))))
            .Produces<KillSwitchState>().ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("GetKillSwitch").WithSummary("Whether the kill switch is engaged, since when, by whom and whether it flattened.");

        group.MapPost("/", (string? flatten, HttpContext http, CancellationToken ct) => ApiProblems.WithAsync<IKillSwitch>(http, async ks =>
        {
            var (sell, problem) = await FlattenAsync(flatten, http.Request, ct);
            return problem ?? Results.Ok(await ks.EngageAsync(sell, Caller(http), ct));
        })).Accepts<KillSwitchRequest>("application/json").Produces<KillSwitchState>().ProducesValidationProblem()
            .WithName("EngageKillSwitch")
            .WithSummary("Cancel every open order and halt every bot (reduce-only, across restarts); ?flatten=true or { \"flatten\": true } also sells every position.");

        group.MapDelete("/", (string? confirmation, HttpContext http, CancellationToken ct) => ApiProblems.WithAsync<IKillSwitch>(http, async ks =>
            await ks.DisarmAsync(confirmation, Caller(http), ct) is { } state ? Results.Ok(state)
                : ApiProblems.Invalid(Confirmation.Field, $"Re-arming lets every bot trade again: send ?confirmation={Confirmation.RearmKillSwitch}.")))
            .Produces<KillSwitchState>().ProducesValidationProblem()
            .WithName("DisarmKillSwitch")
            .WithSummary("Re-arm with ?confirmation=RE-ARM: clear the kill switch and its halts (other halts stay until cleared per bot).");
    }

    /// <summary>Who asked: the authenticated caller's name, or "api".</summary>
    private static string Caller(HttpContext http) => http.User.Identity?.Name is { Length: > 0 } name ? name : "api";

    private static IResult Answer(BotResult result) => result.Bot is { } bot ? Results.Ok(BotView.Of(bot)) : ApiProblems.Of(result.Problem!);

    private static bool TryFlag(string? value, out bool flag)
    {
        flag = false;
        return string.IsNullOrEmpty(value) || bool.TryParse(value, out flag);
    }

    // The query parameter, else the optional body's "flatten"; an empty body means no.
    private static async Task<(bool Flatten, IResult? Problem)> FlattenAsync(string? query, HttpRequest request, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(query))
            return TryFlag(query, out var q) ? (q, null) : (false, ApiProblems.Invalid("flatten", "must be true or false."));
        if (request.ContentLength > MaxBodyBytes) return (false, ApiProblems.Invalid("$", $"The body may be at most {MaxBodyBytes / 1024} KB."));
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(ct);
        if (string.IsNullOrWhiteSpace(text)) return (false, null);
        if (text.Length > MaxBodyBytes) return (false, ApiProblems.Invalid("$", $"The body may be at most {MaxBodyBytes / 1024} KB."));
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return (false, ApiProblems.Invalid("$", "must be a JSON object, e.g. { \"flatten\": true }."));
            if (!doc.RootElement.TryGetProperty("flatten", out var value) || value.ValueKind == JsonValueKind.Null) return (false, null);
            return value.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? (value.GetBoolean(), null)
                : (false, ApiProblems.Invalid("flatten", "must be true or false."));
        }
        catch (JsonException ex)
        {
            return (false, ApiProblems.Invalid("$", $"is not JSON: {ex.Message}"));
        }
    }
}

/// <summary>The kill switch's optional body.</summary>
public sealed record KillSwitchRequest(bool? Flatten);
