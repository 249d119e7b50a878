using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingBlazor.Adapters.Simulated;
using TradingBlazor.Data;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Engine.Brokerage;
using TradingBlazor.Engine.Events;
using TradingBlazor.Infrastructure.Configuration;

namespace TradingBlazor.Engine.Bots;

public static class TradingEngineServices
{
    /// <summary>The live engine: event bus, runtime on the simulated market's clock, bot service (resumes bots at start-up), kill switch, queries.</summary>
    public static IServiceCollection AddTradingEngine(this IServiceCollection services)
    {
        services.AddSettings<TradingSettings>();
        services.AddSingleton<TradingEventBus>();
        services.AddSingleton(sp =>
        {
            var market = sp.GetRequiredService<SimulatedMarket>();
            var runtime = new BotRuntime(sp.GetRequiredService<IDbContextFactory<TradingDbContext>>(), sp.GetRequiredService<SimulatedFeed>(), market,
                sp.GetRequiredService<IMarketCalendar>(), sp.GetRequiredService<TradingEventBus>(), market.Clock, sp.GetRequiredService<ILogger<BotRuntime>>());
            // Resolved with the hosted services, so this runs before the broker connection opens a saved Alpaca session.
            AlpacaEngineBinding.Bind(sp.GetRequiredService<BrokerConnection>(), runtime, sp.GetRequiredService<IDbContextFactory<TradingDbContext>>(),
                sp.GetRequiredService<IMarketCalendar>(), sp.GetRequiredService<TimeProvider>());
            // A live bot keeps the account it started on: switching under it would strand its orders and positions.
            sp.GetRequiredService<BrokerConnection>().SwitchGuard = () => runtime.Workers.Any(w => w.Pipeline.Orders.Broker is not SimulatedBroker)
                ? "Bots are trading on the Alpaca account: stop them before switching the broker." : null;
            return runtime;
        });
        services.AddSingleton(sp =>
        {
            var service = ActivatorUtilities.CreateInstance<BotService>(sp);
            var settings = sp.GetRequiredService<IOptions<TradingSettings>>().Value;
            var clock = sp.GetRequiredService<TimeProvider>();
            if (settings.DemoBots) service.Seed = (db, ct) => DemoBots.SeedAsync(db, clock, ct);
            return service;
        });
        services.AddSingleton<IBotService>(sp => sp.GetRequiredService<BotService>());
        services.AddHostedService(sp => sp.GetRequiredService<BotService>());
        // Hosted services start in registration order: an engaged kill switch halts the bots again after they resumed.
        services.AddSingleton<KillSwitch>();
        services.AddSingleton<IKillSwitch>(sp => sp.GetRequiredService<KillSwitch>());
        services.AddHostedService(sp => sp.GetRequiredService<KillSwitch>());
        services.AddSingleton<ITradingQueries, TradingQueries>();
        services.AddSingleton<IApprovalService, ApprovalService>();
        services.AddSingleton(DecisionJournal.Create);
        return services;
    }
}
