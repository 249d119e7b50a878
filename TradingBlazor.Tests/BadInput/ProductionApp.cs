using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.BadInput;

/// <summary>The real app as the trader runs it (Production: the pages' error handler is on), shared by a test class.</summary>
public sealed class ProductionApp : IAsyncLifetime
{
    public TestApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await TestApp.StartAsync(Arguments);

    public async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>Production, and Alpaca pointed at a port nobody listens on, so that no request can reach the internet.</summary>
    public static readonly string[] Arguments = { "--environment=Production", "--Alpaca:TradingUrl=http://127.0.0.1:9/", "--Alpaca:DataUrl=http://127.0.0.1:9/" };
}
