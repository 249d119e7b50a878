using TradingBlazor.Api;

namespace TradingBlazor.Security;

/// <summary>Where a caller puts its API key, and which paths answer 401 instead of sending to the sign-in page.</summary>
public static class ApiKeyRequest
{
    public const string HeaderName = "X-Api-Key";
    /// <summary>Only on /ws: a browser's WebSocket cannot set headers.</summary>
    public const string QueryName = "api_key";

    /// <summary>The key from <c>Authorization: Bearer</c>, <c>X-Api-Key</c> or (on /ws) <c>?api_key=</c>, or null when none was sent.</summary>
    public static string? Read(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return authorization["Bearer ".Length..].Trim();
        if (request.Headers.TryGetValue(HeaderName, out var header) && header.Count > 0)
            return header.ToString().Trim();
        if (request.Path.StartsWithSegments(EventSocket.Path) && request.Query.TryGetValue(QueryName, out var query) && query.Count > 0)
            return query.ToString().Trim();
        return null;
    }

    /// <summary>The REST API and the event socket: machines, which get problem details rather than a sign-in page.</summary>
    public static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments(EventSocket.Path);
}
