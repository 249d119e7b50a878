using Microsoft.Extensions.Options;
using TradingBlazor.Infrastructure.Configuration;

namespace TradingBlazor.Adapters.Alpaca;

public static class AlpacaServices
{
    /// <summary>The Alpaca clients, sharing one rate budget and one HttpClient. Nothing connects until used.</summary>
    public static IServiceCollection AddAlpaca(this IServiceCollection services)
    {
        services.AddSingleton(sp => new AlpacaRateLimiter(sp.GetRequiredService<TimeProvider>()));
        services.AddHttpClient(nameof(AlpacaHttp), c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton(sp => new AlpacaHttp(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(AlpacaHttp)),
            sp.GetRequiredService<IOptions<AlpacaSettings>>().Value,
            sp.GetRequiredService<AlpacaRateLimiter>()));
        services.AddSingleton(sp => new AlpacaTradingClient(sp.GetRequiredService<AlpacaHttp>(), sp.GetRequiredService<IOptions<AlpacaSettings>>().Value));
        services.AddSingleton(sp => new AlpacaMarketDataClient(sp.GetRequiredService<AlpacaHttp>(), sp.GetRequiredService<IOptions<AlpacaSettings>>().Value));
        return services;
    }
}
