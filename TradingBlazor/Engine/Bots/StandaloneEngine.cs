using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TradingBlazor.Data;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Engine.Events;
using TradingBlazor.Infrastructure.Configuration;

namespace TradingBlazor.Engine.Bots;

/// <summary>
/// The live engine without the web app: a SQLite store (migrated), the event bus, the runtime on a given feed and the
/// bot service over them. The replay command runs on it; so can a benchmark or a test that restarts the engine.
/// </summary>
public sealed class StandaloneEngine : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private StandaloneEngine(ServiceProvider services, BotRuntime runtime, BotService bots, TradingEventBus bus, KillSwitch killSwitch)
    {
        _services = services;
        Runtime = runtime;
        Bots = bots;
        Events = bus;
        KillSwitch = killSwitch;
    }

    public BotRuntime Runtime { get; }
    public BotService Bots { get; }
    public TradingEventBus Events { get; }
    public IApprovalService Approvals => new ApprovalService(Store, Runtime);
    public KillSwitch KillSwitch { get; }
    public IDbContextFactory<TradingDbContext> Store => _services.GetRequiredService<IDbContextFactory<TradingDbContext>>();

    public static async Task<StandaloneEngine> StartAsync(string databasePath, IMarketDataFeed feed, IHistoricalBars history, RuntimeOptions options,
        TimeProvider? clock = null, ILoggerFactory? logs = null, CancellationToken ct = default)
    {
        logs ??= NullLoggerFactory.Instance;
        clock ??= TimeProvider.System;
        var services = new ServiceCollection().AddDbContextFactory<TradingDbContext>(o => DataServices.Configure(o, databasePath)).BuildServiceProvider();
        var contexts = services.GetRequiredService<IDbContextFactory<TradingDbContext>>();
        var storage = Options.Create(new StorageSettings { DataDirectory = Path.GetDirectoryName(Path.GetFullPath(databasePath))!, DatabaseFile = Path.GetFileName(databasePath) });
        await new DatabaseInitializer(contexts, storage, logs.CreateLogger<DatabaseInitializer>()).StartAsync(ct);
        var bus = new TradingEventBus(clock, logs.CreateLogger<TradingEventBus>());
        var runtime = new BotRuntime(contexts, feed, history, new NyseCalendar(), bus, clock, logs.CreateLogger<BotRuntime>(), options);
        var bots = new BotService(contexts, runtime, bus, clock, logs.CreateLogger<BotService>());
        var killSwitch = new KillSwitch(contexts, bots, bus, clock, logs.CreateLogger<KillSwitch>());
        await bots.StartAsync(ct); // resumes the bots the store says were running
        await killSwitch.StartAsync(ct); // then an engaged kill switch halts them again
        return new StandaloneEngine(services, runtime, bots, bus, killSwitch);
    }

    public async ValueTask DisposeAsync()
    {
        await Bots.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }
}
