using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using TradingBlazor.Adapters.Alpaca;
using TradingBlazor.Engine.Brokerage;
using TradingBlazor.Infrastructure.Configuration;

namespace TradingBlazor.Api;

/// <summary>The broker connection: status (mode, streams, rate-limit headroom), switching mode, testing the keys.</summary>
public static class BrokerEndpoints
{
    /// <param name="Confirmation">To switch to live trading, the typed phrase "LIVE".</param>
    public sealed record ModeChange(string? Mode, [property: JsonPropertyName("confirmation")] string? Confirmation);

    public static void MapBrokerEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/broker").WithTags("Broker");

        group.MapGet("/", (BrokerConnection connection, AlpacaRateLimiter limiter, IOptions<AlpacaSettings> settings) =>
            Results.Ok(BrokerStatus.Of(connection, limiter, settings.Value.KeyId)))
            .Produces<BrokerStatus>().WithName("GetBroker").WithSummary("Broker mode, stream status and rate-limit headroom (keys are never shown).");

        group.MapPut("/mode", async (ModeChange? change, BrokerConnection connection, AlpacaRateLimiter limiter, IOptions<AlpacaSettings> settings, CancellationToken ct) =>
        {
            if (change?.Mode is null || !Enum.TryParse<BrokerMode>(change.Mode, ignoreCase: true, out var mode) || !Enum.IsDefined(mode))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["mode"] = new[] { $"must be one of {string.Join(", ", Enum.GetNames<BrokerMode>())}." } });
            if (await connection.SetModeAsync(mode, change.Confirmation, ct) is { } error)
                return Results.ValidationProblem(new Dictionary<string, string[]> { [error.Field] = new[] { error.Message } });
            return Results.Ok(BrokerStatus.Of(connection, limiter, settings.Value.KeyId));
        }).Produces<BrokerStatus>().ProducesValidationProblem().WithName("SetBrokerMode").WithSummary("Switch broker: { mode: Simulated|AlpacaPaper|AlpacaLive, confirmation }; live needs confirmation \"LIVE\".");

        group.MapPost("/test", async (bool? paper, BrokerConnection connection, CancellationToken ct) =>
        {
            var result = await connection.TestAsync(paper ?? connection.Mode != BrokerMode.AlpacaLive, ct);
            return Results.Ok(result);
        }).Produces<ConnectionTest>().WithName("TestBrokerConnection").WithSummary("Ask Alpaca for the account and clock with the configured keys.");
    }
}
