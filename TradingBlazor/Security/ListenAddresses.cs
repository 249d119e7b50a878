using System.Net;

namespace TradingBlazor.Security;

/// <summary>The addresses the web server is configured to listen on, and whether they are all loopback.</summary>
public static class ListenAddresses
{
    /// <summary>
    /// Kestrel's configured endpoints win over <c>urls</c>; <c>http_ports</c>/<c>https_ports</c> bind every interface.
    /// Empty when nothing is configured (Kestrel then listens on localhost only).
    /// </summary>
    public static IReadOnlyList<string> FromConfiguration(IConfiguration configuration)
    {
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(e => e["Url"]).OfType<string>().Where(u => u.Length > 0).ToList();
        if (endpoints.Count > 0) return endpoints;
        if (configuration["urls"] is { Length: > 0 } urls)
            return urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new[] { ("http", configuration["http_ports"]), ("https", configuration["https_ports"]) }
            .Where(p => !string.IsNullOrWhiteSpace(p.Item2))
            .SelectMany(p => p.Item2!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(port => $"{p.Item1}://*:{port}"))
            .ToList();
    }

    public static bool AllLoopback(IEnumerable<string> urls) => urls.All(IsLoopback);

    /// <summary>True for localhost, 127.0.0.0/8 and ::1; false for wildcards (*, +, 0.0.0.0, [::]) and any other host.</summary>
    public static bool IsLoopback(string url)
    {
        var rest = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        var host = rest.StartsWith('[') ? rest[1..Math.Max(1, rest.IndexOf(']'))] : rest.Split(':', '/')[0];
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
    }
}
