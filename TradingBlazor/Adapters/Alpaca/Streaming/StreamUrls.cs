namespace TradingBlazor.Adapters.Alpaca.Streaming;

internal static class StreamUrls
{
    /// <summary>
    /// The configured stream URL, or the default. A URL without a path (e.g. ws://127.0.0.1:8123) gets the standard path
    /// appended, so a whole fake Alpaca can be named by its host and port; a URL with a path is used as it is.
    /// </summary>
    public static Uri Resolve(string? configured, string fallback, string standardPath)
    {
        var url = new Uri(string.IsNullOrWhiteSpace(configured) ? fallback : configured);
        // http(s) base URLs are accepted too, so one host:port can name a whole fake Alpaca.
        if (url.Scheme is "http" or "https") url = new UriBuilder(url) { Scheme = url.Scheme == "https" ? "wss" : "ws", Port = url.IsDefaultPort ? -1 : url.Port }.Uri;
        return url.AbsolutePath is "" or "/" ? new Uri(url, standardPath) : url;
    }
}
