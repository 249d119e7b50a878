using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Components.Pages;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Services;
using TradingBlazor.Tests.Components.Fakes;

namespace TradingBlazor.Tests.Components;

public sealed class BotsPageTests : ComponentTestBase
{
    private readonly FakePortfolioService _portfolio = new();

    public BotsPageTests() => Ctx.Services.AddSingleton<IPortfolioService>(_portfolio);

    [Fact]
    public void Without_bots_says_none_yet()
    {
        Render<Bots>();

        Assert.Equal(1, _portfolio.ListBotsCalls);
        Assert.Contains("No bots yet. The bot editor arrives with the trading engine.", ByTestId("bots-grid").TextContent);
        Assert.Equal("Bots", ByTestId("page-title").TextContent);
    }

    [Fact]
    public void Lists_each_bot_with_its_status_and_update_time()
    {
        _portfolio.Bots.Add(new BotRow("Momentum", BotStatus.Running, new DateTime(2025, 3, 12, 14, 5, 0, DateTimeKind.Utc)));
        _portfolio.Bots.Add(new BotRow("Mean reversion", BotStatus.Paused, new DateTime(2025, 3, 11, 9, 30, 0, DateTimeKind.Utc)));

        Render<Bots>();

        var rows = ByTestId("bots-grid").QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(new[] { "Momentum", "Running", "2025-03-12 14:05" }, rows[0]);
        Assert.Equal(new[] { "Mean reversion", "Paused", "2025-03-11 09:30" }, rows[1]);
        Assert.DoesNotContain("No bots yet", ByTestId("bots-grid").TextContent);
    }
}
