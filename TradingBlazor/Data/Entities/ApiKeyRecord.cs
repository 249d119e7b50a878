namespace TradingBlazor.Data.Entities;

/// <summary>
/// An API key as stored: never the key itself, only the SHA-256 of it (the key is 256 random bits, so a plain hash is
/// enough) and its first characters, which the trader sees in the list to tell keys apart.
/// </summary>
public sealed class ApiKeyRecord
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; set; }
    /// <summary>SHA-256 of the whole key, lowercase hex.</summary>
    public required string Hash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
