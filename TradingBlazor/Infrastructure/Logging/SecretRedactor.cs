using System.Text.RegularExpressions;

namespace TradingBlazor.Infrastructure.Logging;

/// <summary>
/// Knows every secret value in configuration (any setting whose name contains Secret, Key, Password or Token)
/// and masks it wherever it would appear in text.
/// </summary>
public sealed partial class SecretRedactor
{
    public const string Mask = "***";

    // Shorter values would mask ordinary words and numbers; real keys are far longer.
    private const int MinimumSecretLength = 4;

    private readonly string[] _secrets;

    public SecretRedactor(IEnumerable<string> secrets)
    {
        _secrets = secrets.Where(s => s.Length >= MinimumSecretLength).Distinct().OrderByDescending(s => s.Length).ToArray();
    }

    public static SecretRedactor FromConfiguration(IConfiguration configuration) =>
        new(configuration.AsEnumerable()
            .Where(kv => kv.Value is not null && IsSecretKey(kv.Key))
            .Select(kv => kv.Value!));

    public bool HasSecrets => _secrets.Length > 0;

    /// <summary>True when the setting name (its last segment) marks a secret.</summary>
    public static bool IsSecretKey(string key)
    {
        var name = key[(key.LastIndexOf(':') + 1)..];
        return SecretName().IsMatch(name);
    }

    public bool Contains(string? text) => text is not null && _secrets.Any(s => text.Contains(s, StringComparison.Ordinal));

    public string Redact(string text)
    {
        foreach (var secret in _secrets)
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        return text;
    }

    [GeneratedRegex("secret|key|password|token", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
