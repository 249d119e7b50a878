namespace TradingBlazor.Infrastructure.Configuration;

/// <summary>
/// Alpaca connection. Keys come only from environment variables, user-secrets or .env (never appsettings.json),
/// and are never logged: see <see cref="Logging.SecretRedactor"/>.
/// </summary>
public sealed class AlpacaSettings : ISettings
{
    public static string Section => "Alpaca";

    public string? KeyId { get; set; }
    public string? SecretKey { get; set; }
    /// <summary>Paper trading unless explicitly set to false.</summary>
    public bool Paper { get; set; } = true;
    public string? TradingUrl { get; set; }
    public string? DataUrl { get; set; }
    public string? TradingStreamUrl { get; set; }
    public string? DataStreamUrl { get; set; }
    /// <summary>Market data feed: iex (free) or sip.</summary>
    public string Feed { get; set; } = "iex";

    public bool HasKeys => !string.IsNullOrWhiteSpace(KeyId) && !string.IsNullOrWhiteSpace(SecretKey);

    /// <summary>The same connection settings for the paper or the live account.</summary>
    public AlpacaSettings ForAccount(bool paper)
    {
        var copy = (AlpacaSettings)MemberwiseClone();
        copy.Paper = paper;
        return copy;
    }

    public IEnumerable<string> Validate()
    {
        if (Feed is not ("iex" or "sip"))
            yield return $"Alpaca:Feed must be iex or sip (got '{Feed}').";
        foreach (var (name, value) in new[] { ("TradingUrl", TradingUrl), ("DataUrl", DataUrl), ("TradingStreamUrl", TradingStreamUrl), ("DataStreamUrl", DataStreamUrl) })
        {
            if (!string.IsNullOrWhiteSpace(value) && !Uri.TryCreate(value, UriKind.Absolute, out _))
                yield return $"Alpaca:{name} '{value}' is not an absolute URL.";
        }
    }
}
