using System.Net.Http.Headers;

namespace TradingBlazor.Security;

/// <summary>
/// Refuses what another web site could make the trader's browser send here: any state-changing request (and any
/// WebSocket handshake, the UI circuit's included) that a browser marks as coming from another origin, and — on the
/// REST API — any body that is not JSON, since a page elsewhere can post forms and text/plain without asking.
/// Clients that are not browsers (scripts, curl) send neither Origin nor Sec-Fetch-Site and are judged by their key.
/// </summary>
public sealed class CrossSiteGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        // CONNECT (an HTTP/2 WebSocket) counts here too.
        bool changesState = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
        if ((changesState || IsWebSocketHandshake(request)) && IsCrossSite(request))
        {
            await RefuseAsync(http, StatusCodes.Status403Forbidden, "Cross-site request refused.",
                "Requests that change state must come from this app's own pages or from a client that is not a browser.");
            return;
        }
        if (changesState && request.Path.StartsWithSegments("/api") && HasBody(request) && !IsJson(request.ContentType))
        {
            await RefuseAsync(http, StatusCodes.Status415UnsupportedMediaType, "The body must be JSON.",
                $"Send Content-Type: application/json (got '{request.ContentType ?? "none"}').");
            return;
        }
        await next(http);
    }

    /// <summary>
    /// A browser says where a request comes from; anything but this origin (or a typed URL) is another site. Fetch
    /// metadata decides when the browser sends it; only older browsers are judged by Origin.
    /// </summary>
    public static bool IsCrossSite(HttpRequest request)
    {
        string? site = request.Headers["Sec-Fetch-Site"];
        if (!string.IsNullOrEmpty(site)) return site is not ("same-origin" or "none");
        string? origin = request.Headers.Origin;
        if (string.IsNullOrEmpty(origin)) return false;
        return !Uri.TryCreate(origin, UriKind.Absolute, out var from)
            || !string.Equals(from.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    // Read from the headers: the WebSocket middleware, which would tell, runs later in the pipeline.
    private static bool IsWebSocketHandshake(HttpRequest request) =>
        string.Equals(request.Headers.Upgrade, "websocket", StringComparison.OrdinalIgnoreCase);

    private static bool HasBody(HttpRequest request) => request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media) && media.MediaType is { } type
        && (type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static Task RefuseAsync(HttpContext http, int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(http);
}
