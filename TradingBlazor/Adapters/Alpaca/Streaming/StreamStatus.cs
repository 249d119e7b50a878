namespace TradingBlazor.Adapters.Alpaca.Streaming;

public enum StreamState
{
    Stopped,
    Connecting,
    Connected,
    Reconnecting,
    /// <summary>Stopped for good by an error that retrying cannot fix (bad keys, no subscription).</summary>
    Failed,
}

/// <summary>A snapshot of a stream for the Settings page and /health.</summary>
public sealed record StreamStatus(
    string Name, StreamState State, DateTime? ConnectedSinceUtc, DateTime? LastMessageUtc, int Reconnects, string? LastError, TimeSpan? LastReconnectTime);

/// <summary>An error frame from a stream; <see cref="Retryable"/> is false for errors a reconnect cannot fix.</summary>
public sealed class AlpacaStreamException(int? code, string message, bool retryable) : Exception(code is { } c ? $"stream error {c}: {message}" : message)
{
    public int? Code { get; } = code;
    public bool Retryable { get; } = retryable;
}

/// <summary>Timing of a stream connection. Defaults suit Alpaca; tests shorten them.</summary>
public sealed record StreamOptions
{
    /// <summary>WebSocket ping interval; a missing pong within <see cref="KeepAliveTimeout"/> drops the connection.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(15);
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Alpaca closes a connection that does not authenticate within 10 s; we give its answers as long.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>How often the watchdog asks whether the stream has gone silent when it should not have.</summary>
    public TimeSpan WatchdogInterval { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Delay before reconnect attempt n (1-based): exponential from 0.5 s, capped at 30 s, with ±30% jitter.</summary>
    public Func<int, TimeSpan> Backoff { get; init; } = DefaultBackoff;

    public static TimeSpan DefaultBackoff(int attempt)
    {
        double ms = Math.Min(500 * Math.Pow(2, Math.Max(0, attempt - 1)), 30_000);
        return TimeSpan.FromMilliseconds(ms * (0.7 + Random.Shared.NextDouble() * 0.6));
    }
}
