namespace TradingBlazor.Services;

public static class UiServices
{
    /// <summary>The services the Razor components use: everything a page reads or asks for goes through these.</summary>
    public static IServiceCollection AddUiServices(this IServiceCollection services)
    {
        services.AddScoped<ThemeState>();
        services.AddSingleton<IDashboardService, DashboardService>();
        services.AddSingleton<IPortfolioService, PortfolioService>();
        services.AddSingleton<IMarketDataService, MarketDataService>();
        services.AddSingleton<IBrokerService, BrokerService>();
        services.AddSingleton<IBacktestLab, BacktestLab>();
        // Built on first use, not validated at start-up: the engine registers its own services, and the app (the API,
        // its OpenAPI document, the pages that do not trade) starts without them.
        services.AddSingleton<IBotsService>(sp => new BotsUiService(
            sp.GetRequiredService<Engine.Bots.IBotService>(), sp.GetRequiredService<Engine.Bots.ITradingQueries>(), sp.GetRequiredService<Engine.Events.TradingEventBus>()));
        return services;
    }
}
