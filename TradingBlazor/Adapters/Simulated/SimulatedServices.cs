using Microsoft.Extensions.Options;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Time;
using TradingBlazor.Infrastructure.Configuration;

namespace TradingBlazor.Adapters.Simulated;

public static class SimulatedServices
{
    /// <summary>The simulated market as the app's live feed (the offline default).</summary>
    public static IServiceCollection AddSimulatedMarket(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<SimulationSettings>>().Value;
            var calendar = sp.GetRequiredService<IMarketCalendar>();
            var clock = new SimulatedClock(calendar, sp.GetRequiredService<TimeProvider>(), settings.Speed, settings.ParsedStartAt);
            return new SimulatedMarket(new SimulatedPriceModel(calendar, settings.Seed), clock, settings.EffectiveSymbols);
        });
        services.AddSingleton<SimulatedFeed>();
        services.AddSingleton<IMarketDataFeed>(sp => sp.GetRequiredService<SimulatedFeed>());
        services.AddHostedService(sp => sp.GetRequiredService<SimulatedFeed>());
        return services;
    }
}
