using TradingBlazor.Adapters.Alpaca;
using TradingBlazor.Adapters.Alpaca.Streaming;

namespace TradingBlazor.Engine.Brokerage;

/// <summary>What the Settings page, the API and /health show about the broker connection. Never holds a secret.</summary>
public sealed record BrokerStatus(
    BrokerMode Mode, string Description, bool KeysConfigured, string? KeyIdHint, IReadOnlyList<StreamStatus> Streams,
    int RateLimitHeadroom, int RateLimitPerMinute, int? ServerRemaining, int ReconciledFills, DateTime? LastReconciledUtc, int GapFilledBars,
    IReadOnlyList<string> RecentProblems)
{
    public static BrokerStatus Of(BrokerConnection connection, AlpacaRateLimiter limiter, string? keyId)
    {
        var alpaca = connection.Alpaca;
        // Error frames that left the connection up, and gap fills that failed: the things a status badge alone would hide.
        var problems = alpaca is null ? Array.Empty<string>()
            : alpaca.TradeUpdates.StreamErrors.Lines.Select(e => $"trade updates: {e}")
                .Concat(alpaca.MarketData.StreamErrors.Lines.Select(e => $"market data: {e}"))
                .Concat(alpaca.MarketData.GapFillErrors.Lines.Select(e => $"gap fill: {e}")).TakeLast(5).ToArray();
        return new(
            connection.Mode, connection.Mode.Describe(), connection.HasKeys, MaskKeyId(keyId), alpaca?.Streams ?? Array.Empty<StreamStatus>(),
            (int)limiter.Headroom, AlpacaRateLimiter.PerMinute, limiter.ServerRemaining,
            alpaca?.Brokerage.ReconciledFills ?? 0, alpaca?.Brokerage.LastReconciledUtc, alpaca?.MarketData.GapFilledBars ?? 0, problems);
    }

    /// <summary>Enough of a key id to recognise it: the last four characters.</summary>
    public static string? MaskKeyId(string? keyId) =>
        string.IsNullOrEmpty(keyId) ? null : keyId.Length <= 4 ? "••••" : $"••••{keyId[^4..]}";
}
