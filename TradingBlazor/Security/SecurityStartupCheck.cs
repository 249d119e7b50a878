using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Options;

namespace TradingBlazor.Security;

/// <summary>
/// Refuses to start an app reachable beyond loopback without a sign-in password, and a password kept in an
/// appsettings file (it belongs in the environment or user-secrets). Runs with the other settings checks at start.
/// </summary>
public sealed class SecurityStartupCheck(IConfiguration configuration) : IValidateOptions<SecuritySettings>
{
    public const string PasswordKey = "Security:Password";

    public ValidateOptionsResult Validate(string? name, SecuritySettings options)
    {
        if (options.HasPassword && IsFromAppSettingsFile(configuration, PasswordKey))
            return ValidateOptionsResult.Fail($"{PasswordKey} must not be in an appsettings file: set the environment variable Security__Password or use user-secrets.");
        var policy = new AccessPolicy(Options.Create(options), configuration);
        if (policy.IsRemote && !options.HasPassword)
            return ValidateOptionsResult.Fail($"{PasswordKey} must be set when the app is reachable beyond loopback ({Where(options, policy)}): "
                + "set the environment variable Security__Password (or use user-secrets) to the password the trader signs in with.");
        return ValidateOptionsResult.Success;
    }

    private static string Where(SecuritySettings options, AccessPolicy policy) =>
        options.Mode == AccessMode.Remote ? "Security:Mode is Remote" : "listening on " + string.Join(", ", policy.Urls);

    // The provider that supplies the value is the last one that has it (user-secrets are a JSON file too, not an appsettings one).
    private static bool IsFromAppSettingsFile(IConfiguration configuration, string key) =>
        configuration is IConfigurationRoot root
        && root.Providers.Reverse().FirstOrDefault(p => p.TryGet(key, out var value) && !string.IsNullOrEmpty(value)) is JsonConfigurationProvider json
        && Path.GetFileName(json.Source.Path ?? "").StartsWith("appsettings", StringComparison.OrdinalIgnoreCase);
}
