using System.Security.Cryptography;
using System.Text;

namespace TradingBlazor.Security;

/// <summary>
/// API keys: "tb_" and 256 random bits in base64url (46 characters). Only the SHA-256 of a key is stored; a slow
/// password hash buys nothing for a secret that cannot be guessed.
/// </summary>
public static class ApiKeySecret
{
    public const string Marker = "tb_";
    public const int Length = 46; // "tb_" + 43 base64url characters of 32 bytes
    /// <summary>How much of a key the list shows (and the store looks candidates up by): the marker and 8 random characters.</summary>
    public const int PrefixLength = 11;

    public static string Generate() => Marker + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Whether the text has a key's shape; anything else is refused without a lookup.</summary>
    public static bool LooksLikeKey(string? text) =>
        text is { Length: Length } && text.StartsWith(Marker, StringComparison.Ordinal)
        && text.AsSpan(Marker.Length).IndexOfAnyExcept(Base64UrlAlphabet) < 0;

    public static string Prefix(string key) => key[..PrefixLength];

    /// <summary>SHA-256 of the key, lowercase hex.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Constant-time comparison of the key's hash with a stored one.</summary>
    public static bool Matches(string key, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(key)), Encoding.ASCII.GetBytes(storedHash));

    private static readonly System.Buffers.SearchValues<char> Base64UrlAlphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
}
