using TradingBlazor.Data;
using TradingBlazor.Hosting;

namespace TradingBlazor.Cli;

/// <summary>The app's services for a command: same configuration as the web app, no web server, console log off.</summary>
public static class CliHost
{
    /// <summary>Builds the host; with <paramref name="migrate"/> the store is created and migrated first.</summary>
    public static async Task<WebApplication> StartAsync(IEnumerable<string> hostArgs, bool migrate)
    {
        var app = AppHost.Build(AppHost.CreateBuilder(hostArgs.Prepend("--Logs:Console=false").ToArray()));
        if (migrate) await ActivatorUtilities.CreateInstance<DatabaseInitializer>(app.Services).StartAsync(CancellationToken.None);
        return app;
    }

    /// <summary>Command-line options that are configuration (--Section:Key=value), passed through to the host.</summary>
    public static string[] ConfigurationArgs(IEnumerable<string> args) => args.Where(a => a.Contains(':')).ToArray();
}
