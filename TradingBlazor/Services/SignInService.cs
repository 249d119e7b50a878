using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using TradingBlazor.Security;

namespace TradingBlazor.Services;

/// <summary>What the sign-in page shows after an attempt: null when signed in, otherwise why not.</summary>
public interface ISignInService
{
    /// <summary>Whether pages need a sign-in at all (the app is reachable beyond loopback).</summary>
    bool IsRequired { get; }

    /// <summary>Checks the password and, when right, gives the browser the sign-in cookie. Null on success, else the message to show.</summary>
    Task<string?> SignInAsync(HttpContext http, string? password);

    /// <summary>Whether this circuit's user signed in with the password (and so can sign out).</summary>
    Task<bool> IsSignedInAsync();
}

public sealed class SignInService(PasswordGate gate, AccessPolicy access, TimeProvider clock, AuthenticationStateProvider authentication) : ISignInService
{
    /// <summary>The name audit trails record for what the signed-in trader does over the API.</summary>
    public const string TraderName = "trader";

    public bool IsRequired => access.IsRemote;

    public async Task<string?> SignInAsync(HttpContext http, string? password)
    {
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        switch (gate.Check(password, client))
        {
            case PasswordCheck.Accepted:
                var identity = new ClaimsIdentity(new[] { new Claim(ClaimTypes.Name, TraderName) }, CookieAuthenticationDefaults.AuthenticationScheme);
                await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = true });
                return null;
            case PasswordCheck.NotConfigured:
                return "Sign-in is not set up: set Security__Password in the environment and restart the app.";
            case PasswordCheck.LockedOut:
                return LockedMessage(gate.LockedUntil(client));
            default:
                // A wrong password answers slowly, so guessing costs time even below the lockout.
                await Task.Delay(PasswordGate.FailureDelay, clock);
                return gate.LockedUntil(client) is { } until ? LockedMessage(until) : "Wrong password.";
        }
    }

    public async Task<bool> IsSignedInAsync() =>
        (await authentication.GetAuthenticationStateAsync()).User.Identity is { IsAuthenticated: true, AuthenticationType: CookieAuthenticationDefaults.AuthenticationScheme };

    private static string LockedMessage(DateTimeOffset? until) =>
        $"Too many wrong passwords: try again after {until?.UtcDateTime:HH:mm} UTC.";
}
