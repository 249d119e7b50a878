using TradingBlazor.Cli;
using TradingBlazor.Hosting;

if (CliRunner.Handles(args))
    return await CliRunner.RunAsync(args, Console.Out, Console.Error);

return await StartupErrors.RunGuardedAsync(async () =>
{
    var app = AppHost.Build(AppHost.CreateBuilder(args));
    await app.RunAsync();
});

/// <summary>Entry point; public so the integration tests' WebApplicationFactory can reach it.</summary>
public partial class Program;
