using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Components.Bots;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Services;
using TradingBlazor.Tests.Components.Fakes;

namespace TradingBlazor.Tests.Components;

public sealed class LiveTradesTests : ComponentTestBase
{
    private static readonly DateTime At = new(2025, 3, 12, 14, 30, 5, DateTimeKind.Utc);
    private readonly FakeBotsService _bots = new();

    public LiveTradesTests() => Ctx.Services.AddSingleton<IBotsService>(_bots);

    private List<string[]> Rows() => ByTestId("live-trades").QuerySelectorAll("tbody tr")
        .Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).Where(r => r.Length > 1).ToList();

    [Fact]
    public void Lists_the_latest_fills_up_to_the_limit()
    {
        _bots.Trades.Add(new TradeActivity(At, 1, "Momentum", "SPY", OrderSide.Sell, 10m, 505.5m, 42.5m));
        _bots.Trades.Add(new TradeActivity(At.AddMinutes(-5), 1, "Momentum", "SPY", OrderSide.Buy, 10m, 501.25m, null));

        Render<LiveTrades>(p => p.Add(x => x.Limit, 5));

        Assert.Equal(new[] { 5 }, _bots.TradeLimits);
        // New York time, as everywhere else (14:30 UTC is 10:30 EDT).
        Assert.Contains("Time (ET)", ByTestId("live-trades").QuerySelector("thead")!.TextContent);
        var rows = Rows();
        Assert.Equal(new[] { "2025-03-12 10:30:05", "Momentum", "SPY", "Sell", "10", "505.50", "$42.50" }, rows[0]);
        Assert.Equal(new[] { "2025-03-12 10:25:05", "Momentum", "SPY", "Buy", "10", "501.25", "—" }, rows[1]);
    }

    [Fact]
    public void A_fill_from_the_engine_appears_on_top_and_the_oldest_drops_off()
    {
        _bots.Trades.Add(new TradeActivity(At.AddMinutes(-1), 1, "Momentum", "SPY", OrderSide.Buy, 1m, 500m, null));
        _bots.Trades.Add(new TradeActivity(At.AddMinutes(-2), 1, "Momentum", "QQQ", OrderSide.Buy, 1m, 400m, null));
        Render<LiveTrades>(p => p.Add(x => x.Limit, 2));

        _bots.Fill(new TradeActivity(At, 4, null, "IWM", OrderSide.Sell, 2.5m, 201m, -3.25m));

        Host.WaitForAssertion(() => Assert.Equal("IWM", Rows()[0][2]));
        var rows = Rows();
        Assert.Equal(2, rows.Count);
        Assert.Equal(new[] { "2025-03-12 10:30:05", "bot 4", "IWM", "Sell", "2.5", "201.00", "-$3.25" }, rows[0]);
        Assert.Equal("SPY", rows[1][2]);
    }

    [Fact]
    public void Without_trades_says_none_yet()
    {
        Render<LiveTrades>();
        Assert.Contains("No trades yet", ByTestId("live-trades").TextContent);
        Assert.Equal(new[] { 20 }, _bots.TradeLimits);
    }

    [Fact]
    public async Task Unsubscribes_when_disposed()
    {
        Render<LiveTrades>();
        Assert.True(_bots.HasSubscribers);
        await Ctx.DisposeComponentsAsync();
        Assert.False(_bots.HasSubscribers);
        _bots.Fill(new TradeActivity(At, 1, "x", "SPY", OrderSide.Buy, 1m, 1m, null));
    }
}
