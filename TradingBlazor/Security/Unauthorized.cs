using Microsoft.AspNetCore.Http.HttpResults;

namespace TradingBlazor.Security;

/// <summary>The 401 problem details every refused API caller gets.</summary>
internal static class Unauthorized
{
    public const string MissingTitle = "An API key is required: send it as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'.";
    public const string InvalidTitle = "The API key is not valid or was revoked.";

    public static Task WriteAsync(HttpContext http, string title)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: title).ExecuteAsync(http);
    }
}
