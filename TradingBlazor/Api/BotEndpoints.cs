using System.Text;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Engine.Bots;

namespace TradingBlazor.Api;

/// <summary>
/// REST access to bots: list, create from a config document, read, edit, delete and the lifecycle commands.
/// Bodies are the bot config's snake_case JSON; bad input is a 400 naming each field (e.g. <c>risk.stop_loss</c>),
/// an unknown bot a 404 and a request the bot's state forbids (editing a running bot, deleting one that holds
/// positions) a 409.
/// </summary>
public static class BotEndpoints
{
    public const int MaxBodyBytes = BotConfig.MaxDocumentLength;

    public static void MapBotEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/bots").WithTags("Bots");

        group.MapGet("/", (HttpContext http, CancellationToken ct) => ApiProblems.WithAsync<IBotService>(http, async bots =>
            Results.Ok(await bots.ListAsync(ct))))
            .Produces<List<BotSummary>>().ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("ListBots").WithSummary("Every bot with its status, symbols and book.");

        group.MapPost("/", (HttpContext http, CancellationToken ct) => ApiProblems.WithAsync<IBotService>(http, async bots =>
        {
            var (config, problem) = await ReadConfigAsync(http.Request, ct);
            if (config is null) return problem!;
            var result = await bots.CreateAsync(config, ct);
            return result.Bot is { } bot ? Results.Created($"/api/bots/{bot.Summary.Id}", BotView.Of(bot)) : ApiProblems.Of(result.Problem!);
        })).Accepts<BotConfig>("application/json").Produces<BotView>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithName("CreateBot").WithSummary("Create a stopped bot from a config document (snake_case, as samples/strategies/*.json).");

        group.MapGet("/{id:long}", (long id, HttpContext http, CancellationToken ct) => ApiProblems.WithAsync<IBotService>(http, async bots =>
            await bots.GetAsync(id, ct) is { } bot ? Results.Ok(BotView.Of(bot)) : ApiProblems.NotFound($"No bot {id}.")))
            .Produces<BotView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetBot").WithSummary("A bot's status, book and config.");

        group.MapGet("/{id:long}/config.json", (long id, HttpContext http, CancellationToken ct) => ApiProblems.WithAsync<IBotService>(http, async bots =>
            await bots.GetAsync(id, ct) is { } bot
                ? Results.File(Encoding.UTF8.GetBytes(bot.Config.ToJson()), "application/json", bot.Config.ExportFileName())
                : ApiProblems.NotFound($"No bot {id}.")))
            .Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ExportBot").WithSummary("A bot's config document as a file, ready to import (POST /api/bots) or edit.");

        group.MapPut("/{id:long}", (long id, HttpContext http, CancellationToken ct) => ApiProblems.WithAsync<IBotService>(http, async bots =>
        {
            var (config, problem) = await ReadConfigAsync(http.Request, ct);
            return config is null ? problem! : Answer(await bots.UpdateAsync(id, config, ct));
        })).Accepts<BotConfig>("application/json").Produces<BotView>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithName("UpdateBot").WithSummary("Replace a stopped or paused bot's config (409 while it runs); bumps its revision.");

        group.MapDelete("/{id:long}", (long id, string? flatten, string? confirmation, HttpContext http, CancellationToken ct) => ApiProblems.WithAsync<IBotService>(http, async bots =>
        {
            if (!TryFlag(flatten, out var sell)) return ApiProblems.Invalid("flatten", "must be true or false.");
            var result = await bots.DeleteAsync(id, sell, confirmation, ct);
            return result.Ok ? Results.NoContent() : ApiProblems.Of(result.Problem!);
        })).Produces(StatusCodes.Status204NoContent).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("DeleteBot").WithSummary("Delete a bot and its records; 409 while it holds positions unless ?flatten=true&confirmation={the bot's name} sells them first.");

        MapCommand(group, BotCommand.Start, "Start (or resume) the bot.");
        MapCommand(group, BotCommand.Pause, "Pause new entries; exits and risk limits keep running.");
        MapCommand(group, BotCommand.Stop, "Stop the bot; positions stay unless ?flatten=true sells them.");
        group.MapHaltEndpoints();

        // A non-numeric id would otherwise fall through to the pages' 404; name the parameter instead.
        group.MapMethods("/{id}/{**rest}", new[] { "GET", "POST", "PUT", "DELETE" }, (string id) => long.TryParse(id, out _)
                ? ApiProblems.NotFound("No such bot endpoint.")
                : ApiProblems.Invalid("id", $"'{id}' is not a bot id (a whole number)."))
            .ExcludeFromDescription();
    }

    private static void MapCommand(RouteGroupBuilder group, BotCommand command, string summary)
    {
        var name = command.ToString().ToLowerInvariant();
        var endpoint = group.MapPost($"/{{id:long}}/{name}", (long id, string? flatten, HttpContext http, CancellationToken ct) =>
            ApiProblems.WithAsync<IBotService>(http, async bots =>
            {
                if (!TryFlag(flatten, out var sell)) return ApiProblems.Invalid("flatten", "must be true or false.");
                return Answer(await bots.CommandAsync(id, command, sell && command == BotCommand.Stop, ct));
            }))
            .Produces<BotView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName($"{command}Bot").WithSummary(summary);
    }

    private static IResult Answer(BotResult result) => result.Bot is { } bot ? Results.Ok(BotView.Of(bot)) : ApiProblems.Of(result.Problem!);

    private static bool TryFlag(string? value, out bool flag)
    {
        flag = false;
        return string.IsNullOrEmpty(value) || bool.TryParse(value, out flag);
    }

    /// <summary>Reads at most <see cref="MaxBodyBytes"/>, parses and validates; the problem names the field when it fails.</summary>
    private static async Task<(BotConfig? Config, IResult? Problem)> ReadConfigAsync(HttpRequest request, CancellationToken ct)
    {
        var tooLarge = Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"The config document may be at most {MaxBodyBytes / 1024} KB.");
        if (request.ContentLength > MaxBodyBytes) return (null, tooLarge);
        using var body = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (body.Length + read > MaxBodyBytes) return (null, tooLarge);
            body.Write(chunk, 0, read);
        }
        BotConfig config;
        try
        {
            config = BotConfig.Parse(Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length));
        }
        catch (BotConfigException ex)
        {
            return (null, ApiProblems.Invalid(ex.Field, ex.Problem));
        }
        var errors = BotConfigValidator.Validate(config);
        return errors.Count > 0 ? (null, ApiProblems.Invalid(errors)) : (config, null);
    }

}
