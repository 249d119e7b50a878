using Microsoft.Extensions.Options;
using TradingBlazor.Adapters.Alpaca;
using TradingBlazor.Engine.Brokerage;
using TradingBlazor.Infrastructure.Configuration;

namespace TradingBlazor.Services;

/// <summary>The broker panel's view of the connection and the intents it sends. Never exposes a secret.</summary>
public interface IBrokerService
{
    BrokerMode Mode { get; }
    bool HasKeys { get; }
    bool SecretConfigured { get; }

    /// <summary>Raised when the mode changes (stream states are read from <see cref="Status"/>).</summary>
    event Action? Changed;

    BrokerStatus Status();

    /// <summary>Switches the broker; returns the problem (field and message) when refused.</summary>
    /// <param name="confirmation">What the trader typed to confirm live trading (ignored for the other modes).</param>
    Task<(string Field, string Message)?> SetModeAsync(BrokerMode mode, string? confirmation, CancellationToken ct = default);

    Task<ConnectionTest> TestAsync(CancellationToken ct = default);
}

public sealed class BrokerService(BrokerConnection connection, AlpacaRateLimiter limiter, IOptions<AlpacaSettings> alpaca) : IBrokerService
{
    public BrokerMode Mode => connection.Mode;
    public bool HasKeys => connection.HasKeys;
    public bool SecretConfigured => !string.IsNullOrEmpty(alpaca.Value.SecretKey);

    public event Action? Changed
    {
        add => connection.Changed += value;
        remove => connection.Changed -= value;
    }

    public BrokerStatus Status() => BrokerStatus.Of(connection, limiter, alpaca.Value.KeyId);

    public Task<(string Field, string Message)?> SetModeAsync(BrokerMode mode, string? confirmation, CancellationToken ct = default) =>
        connection.SetModeAsync(mode, confirmation, ct);

    public Task<ConnectionTest> TestAsync(CancellationToken ct = default) => connection.TestAsync(paper: connection.Mode != BrokerMode.AlpacaLive, ct);
}
