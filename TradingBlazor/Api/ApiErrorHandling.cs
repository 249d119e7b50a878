using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;
using TradingBlazor.Domain.Strategies.Config;

namespace TradingBlazor.Api;

/// <summary>
/// Every answer under /api and /ws is problem JSON, in every environment: bodies larger than
/// <see cref="MaxRequestBodyBytes"/> are a 413, JSON in any charset but UTF-8 a 415, a value the framework cannot bind
/// a 400 naming the query or JSON field (never a C# parameter), and anything unexpected a 500 with a trace id and no
/// stack trace (the Blazor error page is for the pages).
/// </summary>
public static partial class ApiErrorHandling
{
    /// <summary>Largest request body under /api: a bot document or a backtest request is a page of settings.</summary>
    public const int MaxRequestBodyBytes = BotConfig.MaxDocumentLength;

    private static readonly PathString[] Prefixes = { "/api", "/ws" };

    /// <summary>Binding failures throw (instead of a bare 400 outside Development), so they can be described.</summary>
    public static IServiceCollection AddApiErrorHandling(this IServiceCollection services) =>
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

    public static IApplicationBuilder UseApiErrorHandling(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (!Prefixes.Any(p => http.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            await next(http);
            return;
        }
        if (RefusedBody(http) is { } refused)
        {
            await refused.ExecuteAsync(http);
            return;
        }
        try
        {
            await next(http);
        }
        catch (Exception ex) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            var answer = Describe(http, ex);
            if (answer is null)
            {
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiErrorHandling))
                    .LogError(ex, "Unhandled error answering {Method} {Path}", http.Request.Method, http.Request.Path.Value);
                answer = Results.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "An unexpected error occurred; the log has the details.");
            }
            http.Response.Clear();
            await answer.ExecuteAsync(http);
        }
    });

    private static IResult? RefusedBody(HttpContext http)
    {
        var request = http.Request;
        if (request.ContentLength > MaxRequestBodyBytes) return TooLarge();
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxRequestBodyBytes;
        if (request.ContentType is not { Length: > 0 } contentType) return null;
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
            return ApiProblems.Invalid("Content-Type", $"'{contentType}' is not a media type; send application/json.");
        // JSON between systems is UTF-8 (RFC 8259); an unknown charset would otherwise fail deep in the framework.
        if (media.Charset.HasValue && !IsUtf8(media.Charset.Value))
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: $"The body's charset '{media.Charset.Value}' is not supported; send UTF-8 (charset=utf-8 or none).");
        return null;
    }

    private static bool IsUtf8(string? charset) =>
        charset?.Trim('"').ToLowerInvariant() is "utf-8" or "utf8";

    private static IResult TooLarge() => Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: $"The request body may be at most {MaxRequestBodyBytes / 1024} KB.");

    /// <summary>The answer for an input problem, or null for an unexpected error.</summary>
    private static IResult? Describe(HttpContext http, Exception ex) => ex switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => TooLarge(),
        BadHttpRequestException { InnerException: JsonException json } => Invalid(JsonFieldError.Of(json)),
        BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } => Results.Problem(
            statusCode: StatusCodes.Status415UnsupportedMediaType, title: "The body must be JSON (Content-Type: application/json)."),
        BadHttpRequestException bad => BindingProblem(http, bad),
        JsonException json => Invalid(JsonFieldError.Of(json)),
        _ => null,
    };

    private static IResult Invalid(ConfigError error) => ApiProblems.Invalid(error.Field, error.Message);

    // The framework's words name the C# parameter ("Failed to bind parameter \"int? n\" from \"abc\"."): answer with the
    // name the caller used instead, and say what the value must be.
    private static IResult BindingProblem(HttpContext http, BadHttpRequestException bad)
    {
        var match = BoundParameter().Match(bad.Message);
        if (!match.Success)
            return Results.Problem(statusCode: bad.StatusCode, title: "The request could not be read; check its parameters and body.");
        var (type, name) = (match.Groups["type"].Value, match.Groups["name"].Value);
        var parameter = http.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>()?.GetParameters().FirstOrDefault(p => p.Name == name);
        var field = parameter is null ? name : FieldName(parameter);
        if (bad.Message.Contains("request body", StringComparison.Ordinal) || bad.Message.Contains("no body was provided", StringComparison.Ordinal))
            return ApiProblems.Invalid("$", "a JSON body is required.");
        if (bad.Message.StartsWith("Required parameter", StringComparison.Ordinal)) return ApiProblems.Invalid(field, "is required.");
        var value = match.Groups["value"].Success ? $"'{Shown(match.Groups["value"].Value)}' " : "";
        return ApiProblems.Invalid(field, $"{value}is not {Kind(type)}.");
    }

    private static string Shown(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private static string FieldName(ParameterInfo parameter) =>
        parameter.GetCustomAttributes().Select(a => a switch
        {
            IFromQueryMetadata q => q.Name,
            IFromRouteMetadata r => r.Name,
            IFromHeaderMetadata h => h.Name,
            _ => null,
        }).FirstOrDefault(n => n is not null) ?? parameter.Name!;

    private static string Kind(string type) => type.Replace("Nullable<", "").TrimEnd('>', '?') switch
    {
        "int" or "long" or "Int32" or "Int64" => "a whole number",
        "bool" or "Boolean" => "true or false",
        "decimal" or "double" or "Decimal" or "Double" => "a number",
        "DateOnly" => "a date in the form yyyy-MM-dd",
        "DateTime" or "DateTimeOffset" => "an ISO 8601 date or time (e.g. 2025-03-12T14:30:00Z; escape '+' as %2B)",
        _ => "a valid value",
    };

    [GeneratedRegex("""parameter "(?<type>[^"\s]+) (?<name>[^"\s]+)"(?: from "(?<value>[^"]*)")?""")]
    private static partial Regex BoundParameter();
}
