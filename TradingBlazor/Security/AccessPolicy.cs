using System.Net;
using Microsoft.Extensions.Options;

namespace TradingBlazor.Security;

/// <summary>
/// Local or remote, decided once from <see cref="SecuritySettings.Mode"/> and the configured listen addresses. In local
/// mode a caller whose connection comes from this machine needs no key; everyone else always does (or a sign-in).
/// </summary>
public sealed class AccessPolicy
{
    public AccessPolicy(IOptions<SecuritySettings> settings, IConfiguration configuration)
    {
        Urls = ListenAddresses.FromConfiguration(configuration);
        IsRemote = settings.Value.Mode switch
        {
            AccessMode.Local => false,
            AccessMode.Remote => true,
            _ => !ListenAddresses.AllLoopback(Urls),
        };
    }

    public bool IsRemote { get; }

    public IReadOnlyList<string> Urls { get; }

    /// <summary>Local mode and a connection from a loopback address.</summary>
    public bool AllowsWithoutKey(HttpContext http) =>
        !IsRemote && http.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip);
}
