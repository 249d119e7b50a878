namespace TradingBlazor.Services;

public static class UiServices
{
    /// <summary>The services the Razor components use: everything a page reads or asks for goes through these.</summary>
    public static IServiceCollection AddUiServices(this IServiceCollection services)
    {
        services.AddScoped<ThemeState>();
        services.AddSingleton<IDashboardService, DashboardService>();
        services.AddSingleton<ITradesService, TradesService>();
        services.AddSingleton<IPositionsService, PositionsService>();
        services.AddSingleton<IMarketDataService, MarketDataService>();
        services.AddSingleton<IBrokerService, BrokerService>();
        services.AddSingleton<IBacktestLab, BacktestLab>();
        services.AddSingleton<IBotsService, BotsUiService>();
        services.AddSingleton<IBotEditorService, BotEditorService>();
        services.AddSingleton<IApprovalsService, ApprovalsUiService>();
        services.AddSingleton<IAlertsService, AlertsService>();
        services.AddSingleton<IKillSwitchService, KillSwitchUiService>();
        services.AddSingleton<IApiKeysService, ApiKeysService>();
        services.AddScoped<ISignInService, SignInService>(); // per circuit: it reads the circuit's user
        services.AddSingleton<IReportsService, ReportsUiService>();
        services.AddSingleton<IReportDivergence, ReportDivergenceUiService>();
        services.AddSingleton<ITradingClock, TradingClock>();
        services.AddSingleton<IBotDetailService, BotDetailService>();
        services.AddScoped<IChartPreferences, BrowserChartPreferences>(); // per circuit: it talks to the browser
        services.AddSingleton<IModelsService, ModelsService>();
        return services;
    }
}
