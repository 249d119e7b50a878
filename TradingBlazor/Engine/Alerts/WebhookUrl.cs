namespace TradingBlazor.Engine.Alerts;

/// <summary>The webhook address as the trader types it: absolute http(s), or empty to switch the webhook off.</summary>
public static class WebhookUrl
{
    public const int MaxLength = 2048;

    /// <summary>Null when valid (<paramref name="url"/> null for "off"), else why not.</summary>
    public static string? Validate(string? text, out Uri? url)
    {
        url = null;
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        if (text.Length > MaxLength) return $"must be at most {MaxLength} characters.";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https") || string.IsNullOrEmpty(parsed.Host))
            return "must be an absolute http:// or https:// URL (or empty to switch the webhook off).";
        url = parsed;
        return null;
    }

    /// <summary>What logs may say about the address: scheme, host and port. Path and query may hold a token.</summary>
    public static string ForLog(Uri url) => $"{url.Scheme}://{url.Authority}";
}
