using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Engine.Events;

namespace TradingBlazor.Tests.Support.Engine;

/// <summary>The real app with the engine's services replaced by in-memory fakes and a real event bus; one per test class.</summary>
public sealed class EngineApp : IAsyncLifetime
{
    public InMemoryBotService Bots { get; } = new();
    public InMemoryTradingQueries Queries { get; } = new();
    public TestApp App { get; private set; } = null!;
    public TradingEventBus Bus => App.Services.GetRequiredService<TradingEventBus>();

    public async Task InitializeAsync() => App = await TestApp.StartWithAsync(services =>
    {
        services.AddSingleton<IBotService>(Bots);
        services.AddSingleton<ITradingQueries>(Queries);
        services.AddSingleton<TradingEventBus>();
    });

    public async Task DisposeAsync() => await App.DisposeAsync();
}
