using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TradingBlazor.Security;

namespace TradingBlazor.Tests.Security;

public sealed class PasswordGateTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 12, 15, 0, 0, TimeSpan.Zero));

    private PasswordGate Gate(string? password = "correct horse battery") =>
        new(Options.Create(new SecuritySettings { Password = password }), _clock);

    [Fact]
    public void Only_the_exact_password_is_accepted()
    {
        var gate = Gate();

        Assert.Equal(PasswordCheck.Accepted, gate.Check("correct horse battery", "10.0.0.1"));
        Assert.Equal(PasswordCheck.Wrong, gate.Check("correct horse batter", "10.0.0.1"));
        Assert.Equal(PasswordCheck.Wrong, gate.Check("Correct horse battery", "10.0.0.1"));
        Assert.Equal(PasswordCheck.Wrong, gate.Check("", "10.0.0.1"));
        Assert.Equal(PasswordCheck.Wrong, gate.Check(null, "10.0.0.1"));
        Assert.Equal(PasswordCheck.NotConfigured, Gate(null).Check("anything", "10.0.0.1"));
    }

    [Fact]
    public void Five_wrong_passwords_lock_that_client_out_for_five_minutes()
    {
        var gate = Gate();
        for (int i = 0; i < PasswordGate.MaxFailures; i++)
            Assert.Equal(PasswordCheck.Wrong, gate.Check("guess " + i, "10.0.0.1"));

        Assert.Equal(PasswordCheck.LockedOut, gate.Check("correct horse battery", "10.0.0.1"));
        Assert.Equal(_clock.GetUtcNow() + PasswordGate.LockoutTime, gate.LockedUntil("10.0.0.1"));
        Assert.Equal(PasswordCheck.Accepted, gate.Check("correct horse battery", "10.0.0.2")); // another client

        _clock.Advance(PasswordGate.LockoutTime);
        Assert.Equal(PasswordCheck.Wrong, gate.Check("guess again", "10.0.0.1")); // counting starts over
        Assert.Null(gate.LockedUntil("10.0.0.1"));
        Assert.Equal(PasswordCheck.Accepted, gate.Check("correct horse battery", "10.0.0.1"));
    }

    [Fact]
    public void A_right_password_clears_the_count_of_wrong_ones()
    {
        var gate = Gate();
        for (int i = 0; i < PasswordGate.MaxFailures - 1; i++) gate.Check("guess", "10.0.0.1");
        Assert.Equal(PasswordCheck.Accepted, gate.Check("correct horse battery", "10.0.0.1"));

        for (int i = 0; i < PasswordGate.MaxFailures - 1; i++)
            Assert.Equal(PasswordCheck.Wrong, gate.Check("guess", "10.0.0.1"));
        Assert.Equal(PasswordCheck.Accepted, gate.Check("correct horse battery", "10.0.0.1"));
    }
}
