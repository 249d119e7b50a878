using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Components.Pages;
using TradingBlazor.Services;
using TradingBlazor.Tests.Components.Fakes;

namespace TradingBlazor.Tests.Components;

public sealed class TradesPageTests : ComponentTestBase
{
    private readonly FakePortfolioService _portfolio = new();

    public TradesPageTests() => Ctx.Services.AddSingleton<IPortfolioService>(_portfolio);

    private List<string[]> Rows() =>
        ByTestId("trades-grid").QuerySelectorAll("tbody tr.mud-table-row").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();

    [Fact]
    public void Asks_for_the_latest_500_trades_and_says_when_there_are_none()
    {
        Render<Trades>();

        Assert.Equal(new[] { 500 }, _portfolio.TradeLimits);
        Assert.Contains("No trades yet. Trades appear here as soon as a bot fills an order.", ByTestId("trades-grid").TextContent);
    }

    [Fact]
    public void Shows_closed_and_open_trades_formatted()
    {
        _portfolio.Trades.Add(new TradeRow("SPY", new DateTime(2025, 3, 12, 14, 31, 0, DateTimeKind.Utc), 10m, 1234.5m, 1240.25m, 57.5m));
        _portfolio.Trades.Add(new TradeRow("AAPL", new DateTime(2025, 3, 12, 15, 0, 0, DateTimeKind.Utc), 0.125m, 210m, null, null));

        Render<Trades>();

        var rows = Rows();
        Assert.Equal(2, rows.Count);
        Assert.Equal(new[] { "SPY", "2025-03-12 14:31", "10", "1,234.50", "1,240.25", "57.50" }, rows[0]);
        Assert.Equal(new[] { "AAPL", "2025-03-12 15:00", "0.125", "210.00", "", "" }, rows[1]);
    }

    [Fact]
    public void Pages_by_25()
    {
        for (int i = 0; i < 30; i++)
            _portfolio.Trades.Add(new TradeRow($"S{i}", new DateTime(2025, 3, 12, 14, 0, 0, DateTimeKind.Utc).AddMinutes(i), 1m, 100m, 101m, 1m));

        Render<Trades>();

        Assert.Equal(25, Rows().Count);
        Assert.Equal("S0", Rows()[0][0]);
    }
}
