using TradingBlazor.Adapters.Alpaca;
using TradingBlazor.Adapters.Alpaca.Streaming;

namespace TradingBlazor.Engine.Brokerage;

/// <summary>What the Settings page, the API and /health show about the broker connection. Never holds a secret.</summary>
public sealed record BrokerStatus(
    BrokerMode Mode, string Description, bool KeysConfigured, string? KeyIdHint, IReadOnlyList<StreamStatus> Streams,
    int RateLimitHeadroom, int RateLimitPerMinute, int? ServerRemaining, int ReconciledFills, DateTime? LastReconciledUtc, int GapFilledBars)
{
    public static BrokerStatus Of(BrokerConnection connection, AlpacaRateLimiter limiter, string? keyId) => new(
        connection.Mode, connection.Mode.Describe(), connection.HasKeys, MaskKeyId(keyId), connection.Alpaca?.Streams ?? Array.Empty<StreamStatus>(),
        (int)limiter.Headroom, AlpacaRateLimiter.PerMinute, limiter.ServerRemaining,
        connection.Alpaca?.Brokerage.ReconciledFills ?? 0, connection.Alpaca?.Brokerage.LastReconciledUtc, connection.Alpaca?.MarketData.GapFilledBars ?? 0);

    /// <summary>Enough of a key id to recognise it: the last four characters.</summary>
    public static string? MaskKeyId(string? keyId) =>
        string.IsNullOrEmpty(keyId) ? null : keyId.Length <= 4 ? "••••" : $"••••{keyId[^4..]}";
}
