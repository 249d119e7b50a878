using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Engine.Bots;

namespace TradingBlazor.Api;

/// <summary>The problem-details answers the bot and trading-record endpoints share.</summary>
internal static class ApiProblems
{
    public static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = new[] { message } });

    public static IResult Invalid(IEnumerable<ConfigError> errors) =>
        Results.ValidationProblem(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));

    public static IResult NotFound(string title) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: title);

    public static IResult Of(BotProblem problem) => problem.Kind switch
    {
        BotProblemKind.Invalid => Invalid(problem.Field, problem.Message),
        BotProblemKind.NotFound => NotFound(problem.Message),
        _ => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: problem.Message,
            extensions: new Dictionary<string, object?> { ["field"] = problem.Field }),
    };

    /// <summary>
    /// Engine services are looked up per request: the app (and its OpenAPI document) starts without them, and a
    /// missing engine answers 503 instead of failing start-up or throwing.
    /// </summary>
    public static async Task<IResult> WithAsync<T>(HttpContext http, Func<T, Task<IResult>> action) where T : class =>
        http.RequestServices.GetService<T>() is { } service
            ? await action(service)
            : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The trading engine is not available.");
}
