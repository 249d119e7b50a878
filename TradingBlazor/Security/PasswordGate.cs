using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace TradingBlazor.Security;

public enum PasswordCheck
{
    Accepted,
    Wrong,
    /// <summary>Too many wrong passwords from this client: nothing is checked until <see cref="PasswordGate.LockedUntil"/>.</summary>
    LockedOut,
    /// <summary>No password is configured (local mode): nobody can sign in.</summary>
    NotConfigured,
}

/// <summary>
/// The trader's password, compared in constant time, with a lockout per client address after
/// <see cref="MaxFailures"/> wrong attempts in a row.
/// </summary>
public sealed class PasswordGate(IOptions<SecuritySettings> settings, TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(5);
    /// <summary>How long a wrong attempt waits before it is answered (the sign-in page applies it).</summary>
    public static readonly TimeSpan FailureDelay = TimeSpan.FromSeconds(1);
    // Beyond this many clients with failures, entries whose lockout ended are dropped (memory stays bounded).
    private const int PruneAbove = 1_000;

    private sealed record Failures(int Count, DateTimeOffset? LockedUntil);

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    public PasswordCheck Check(string? password, string client)
    {
        if (settings.Value.Password is not { Length: > 0 } expected) return PasswordCheck.NotConfigured;
        var now = clock.GetUtcNow();
        if (LockedUntil(client) is { } until && until > now) return PasswordCheck.LockedOut;
        if (Equal(password ?? "", expected))
        {
            _failures.TryRemove(client, out _);
            return PasswordCheck.Accepted;
        }
        var failures = _failures.AddOrUpdate(client, _ => new Failures(1, null), (_, f) => f.LockedUntil is { } ended && ended <= now ? new Failures(1, null) : f with { Count = f.Count + 1 });
        if (failures.Count >= MaxFailures)
            _failures[client] = failures with { LockedUntil = now + LockoutTime };
        Prune(now);
        return PasswordCheck.Wrong;
    }

    public DateTimeOffset? LockedUntil(string client) => _failures.TryGetValue(client, out var f) ? f.LockedUntil : null;

    // Hashing both first makes the comparison's time independent of the lengths too.
    private static bool Equal(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    private void Prune(DateTimeOffset now)
    {
        if (_failures.Count <= PruneAbove) return;
        foreach (var (client, f) in _failures)
            if (f.LockedUntil is null || f.LockedUntil <= now) _failures.TryRemove(client, out _);
    }
}
