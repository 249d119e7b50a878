using Microsoft.Extensions.Options;
using TradingBlazor.Adapters.Alpaca.Streaming;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Engine.Brokerage;
using TradingBlazor.Engine.Events;
using TradingBlazor.Infrastructure.Configuration;

namespace TradingBlazor.Engine.Alerts;

public static class AlertServices
{
    /// <summary>The alert center (on the engine's bus, the broker's streams and the bots' names) and the webhook.</summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddSettings<AlertSettings>();
        services.AddSingleton(sp =>
        {
            var broker = sp.GetService<BrokerConnection>();
            var bots = sp.GetService<IBotService>();
            var sources = new AlertSources(
                broker is null ? null : () => broker.Alpaca?.Streams ?? Array.Empty<StreamStatus>(),
                bots is null ? null : async (id, ct) => (await bots.GetAsync(id, ct))?.Summary.Name);
            return new AlertCenter(sp.GetRequiredService<TradingEventBus>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<AlertSettings>>(),
                sp.GetRequiredService<ILogger<AlertCenter>>(), sources);
        });
        services.AddHostedService(sp => sp.GetRequiredService<AlertCenter>());
        services.AddSingleton<AlertWebhook>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertWebhook>());
        return services;
    }
}
