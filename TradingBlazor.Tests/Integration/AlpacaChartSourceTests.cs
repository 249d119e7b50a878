using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Engine.Brokerage;
using TradingBlazor.Engine.Charts;
using TradingBlazor.Tests.Alpaca;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Integration;

public class AlpacaChartSourceTests
{
    [Fact]
    public async Task Watchlist_charts_come_from_alpaca_while_an_account_is_connected_and_from_the_simulation_otherwise()
    {
        await using var fake = await FakeAlpaca.StartAsync();
        await using var app = await TestApp.StartAsync($"--Alpaca:KeyId={FakeAlpaca.KeyId}", $"--Alpaca:SecretKey={FakeAlpaca.Secret}", $"--Alpaca:TradingUrl={fake.BaseUrl}", $"--Alpaca:DataUrl={fake.BaseUrl}");
        var charts = app.Services.GetRequiredService<ChartSourceResolver>();
        var broker = app.Services.GetRequiredService<BrokerConnection>();

        var simulated = await charts.ResolveAsync("SPY", Timeframe.Minute5);
        Assert.True(simulated.IsSimulated);

        Assert.Null(await broker.SetModeAsync(BrokerMode.AlpacaPaper, confirmation: null));
        var alpaca = await charts.ResolveAsync("SPY", Timeframe.Minute5);
        Assert.Equal((false, "Alpaca (iex)"), (alpaca.IsSimulated, alpaca.Name));
        Assert.Same(broker.Alpaca!.MarketData, alpaca.Feed);
        Assert.Contains("SPY", broker.Alpaca.MarketData.Subscriptions);
        await Eventually.HoldsAsync(() => fake.DataSubscription.Contains("SPY"), "SPY subscribed at Alpaca");

        Assert.Null(await broker.SetModeAsync(BrokerMode.Simulated, confirmation: null));
        Assert.True((await charts.ResolveAsync("SPY", Timeframe.Minute5)).IsSimulated);
    }
}
