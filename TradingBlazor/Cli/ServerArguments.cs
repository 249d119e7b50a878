using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;

namespace TradingBlazor.Cli;

/// <summary>
/// The arguments that start the web server: none, or only host settings (<c>--urls</c>, <c>--environment</c>,
/// <c>--contentRoot</c> and the other ASP.NET Core host keys) and configuration overrides in the forms the command-line
/// configuration provider reads (<c>--Section:Key=value</c>, <c>--Section__Key value</c>, <c>/Section:Key value</c>,
/// <c>Section:Key=value</c>). Anything else is a mistake to report, not a reason to start the server.
/// </summary>
public static class ServerArguments
{
    private static readonly HashSet<string> HostKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        WebHostDefaults.ServerUrlsKey, WebHostDefaults.HttpPortsKey, WebHostDefaults.HttpsPortsKey, WebHostDefaults.PreferHostingUrlsKey,
        WebHostDefaults.WebRootKey, WebHostDefaults.DetailedErrorsKey, WebHostDefaults.CaptureStartupErrorsKey, WebHostDefaults.ShutdownTimeoutKey,
        WebHostDefaults.SuppressStatusMessagesKey, WebHostDefaults.PreventHostingStartupKey, WebHostDefaults.HostingStartupAssembliesKey,
        WebHostDefaults.HostingStartupExcludeAssembliesKey, HostDefaults.EnvironmentKey, HostDefaults.ContentRootKey, HostDefaults.ApplicationKey,
        "https_port", "AllowedHosts",
    };

    /// <summary>Null when <paramref name="args"/> start the server, else what is wrong with them, as one line.</summary>
    public static string? Problem(IReadOnlyList<string> args)
    {
        for (int i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string name = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..] : arg.StartsWith('/') ? arg[1..] : arg;
            if (name == arg && !arg.Contains('='))
                return arg.StartsWith('-') ? UnknownOption(arg) : i == 0 ? $"unknown command '{arg}'" : $"unexpected argument '{arg}'";
            int eq = name.IndexOf('=');
            var key = eq >= 0 ? name[..eq] : name;
            // "--Section=" (empty) is a section node, as WebApplicationFactory passes the test host's settings.
            bool sectionNode = eq >= 0 && eq == name.Length - 1;
            if (!(sectionNode || key.Contains(':') || key.Contains("__", StringComparison.Ordinal) || HostKeys.Contains(key)))
                return UnknownOption(eq >= 0 ? arg[..(arg.Length - name.Length + eq)] : arg);
            if (eq < 0 && ++i >= args.Count) return $"{arg} needs a value";
        }
        return null;
    }

    private static string UnknownOption(string option) => $"unknown option '{option}' (not a command, a host setting or a --Section:Key configuration override)";
}
