using TradingBlazor.Hosting;

return await StartupErrors.RunGuardedAsync(async () =>
{
    var app = AppHost.Build(AppHost.CreateBuilder(args));
    await app.RunAsync();
});

/// <summary>Entry point; public so the integration tests' WebApplicationFactory can reach it.</summary>
public partial class Program;
