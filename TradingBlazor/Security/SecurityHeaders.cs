namespace TradingBlazor.Security;

/// <summary>
/// Headers on every response: no content sniffing, no referrer leaving the app, no framing, no powerful browser
/// features, and a content policy that allows exactly what the app loads — its own scripts, styles, images, fonts and
/// connections (the UI circuit and /ws are same-origin). Inline styles stay allowed: the component library sets them.
/// The API reference page alone may run its one inline start-up script.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ContentPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string ApiReferencePath = "/scalar";

    private static readonly string ApiReferencePolicy = ContentPolicy.Replace("script-src 'self'", "script-src 'self' 'unsafe-inline'", StringComparison.Ordinal);

    public Task InvokeAsync(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        // Not "no-referrer": with it a browser sends "Origin: null" on the app's own form posts.
        headers["Referrer-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments(ApiReferencePath) ? ApiReferencePolicy : ContentPolicy;
        return next(http);
    }
}
