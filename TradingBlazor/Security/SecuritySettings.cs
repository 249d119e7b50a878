using TradingBlazor.Infrastructure.Configuration;

namespace TradingBlazor.Security;

/// <summary>Who may act on the app: where it listens decides whether a sign-in is needed (see <see cref="AccessPolicy"/>).</summary>
public enum AccessMode
{
    /// <summary>Local when every address the app listens on is loopback, otherwise remote.</summary>
    Auto,
    /// <summary>Callers on this machine need neither key nor sign-in (a key they send is still checked).</summary>
    Local,
    /// <summary>Every page needs the trader's sign-in; the API and /ws a key or that sign-in (e.g. behind a reverse proxy on this machine).</summary>
    Remote,
}

/// <summary>
/// The Security section. The password comes only from the environment (<c>Security__Password</c>), user-secrets or .env,
/// never from appsettings.json, and is never logged (its name marks it a secret for the log redactor).
/// </summary>
public sealed class SecuritySettings : ISettings
{
    public static string Section => "Security";

    public AccessMode Mode { get; set; } = AccessMode.Auto;

    /// <summary>The trader's sign-in password; required when the app is reachable beyond loopback.</summary>
    public string? Password { get; set; }

    public bool HasPassword => !string.IsNullOrEmpty(Password);

    // Checks that need to know where the app listens live in SecurityStartupCheck.
    public IEnumerable<string> Validate() => [];
}
