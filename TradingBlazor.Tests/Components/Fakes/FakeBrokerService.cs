using TradingBlazor.Adapters.Alpaca.Streaming;
using TradingBlazor.Engine.Brokerage;
using TradingBlazor.Services;

namespace TradingBlazor.Tests.Components.Fakes;

/// <summary>
/// A broker that switches modes as told (or refuses with <see cref="Refusal"/>) and answers connection tests with
/// <see cref="TestResult"/>; every request is recorded.
/// </summary>
public sealed class FakeBrokerService : IBrokerService
{
    public sealed record SetModeCall(BrokerMode Mode, string? Confirmation);

    public BrokerMode Mode { get; set; } = BrokerMode.Simulated;
    public bool HasKeys { get; set; } = true;
    public bool SecretConfigured { get; set; } = true;
    public string? KeyId { get; set; } = "PKTEST1234";
    public List<StreamStatus> Streams { get; } = new();
    public List<string> Problems { get; } = new();
    public (string Field, string Message)? Refusal { get; set; }
    public ConnectionTest TestResult { get; set; } = ConnectionTest.Failed("not set up");

    public List<SetModeCall> SetModeCalls { get; } = new();
    public int TestCalls { get; private set; }

    public event Action? Changed;

    public void RaiseChanged() => Changed?.Invoke();

    public bool HasSubscribers => Changed is not null;

    public BrokerStatus Status() => new(Mode, Mode.Describe(), HasKeys, BrokerStatus.MaskKeyId(KeyId), Streams.ToList(), 180, 200, 195, 2, null, 7, Problems.ToList());

    public Task<(string Field, string Message)?> SetModeAsync(BrokerMode mode, string? confirmation, CancellationToken ct = default)
    {
        SetModeCalls.Add(new SetModeCall(mode, confirmation));
        if (Refusal is null) Mode = mode;
        return Task.FromResult(Refusal);
    }

    public Task<ConnectionTest> TestAsync(CancellationToken ct = default)
    {
        TestCalls++;
        return Task.FromResult(TestResult);
    }
}
