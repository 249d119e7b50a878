using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Components.Bots;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Services;
using TradingBlazor.Tests.Components.Fakes;

namespace TradingBlazor.Tests.Components;

public sealed class BotListTests : ComponentTestBase
{
    private readonly FakeBotsService _bots = new();

    public BotListTests() => Ctx.Services.AddSingleton<IBotsService>(_bots);

    private string Status(long id) => ByTestId($"bot-{id}-status").TextContent.Trim();

    private bool Enabled(long id, string command) => !ByTestId($"bot-{id}-{command}").HasAttribute("disabled");

    private string Snackbars => Host.Find("#mud-snackbar-container").TextContent;

    private IReadOnlyList<string> Headers => ByTestId("bot-list").QuerySelectorAll("thead th").Select(h => h.TextContent.Trim()).ToList();

    [Fact]
    public void Shows_each_bot_with_its_status_symbols_equity_and_pnl()
    {
        _bots.Bots.Add(FakeBotsService.Bot(1, "Momentum", BotStatus.Running, equity: 10_250.5m, pnl: 250.5m, "SPY", "QQQ"));
        _bots.Bots.Add(FakeBotsService.Bot(2, "Mean reversion", BotStatus.Error, equity: 9_900m, pnl: -100m) with { StatusReason = "broker rejected" });

        Render<BotList>();

        Assert.Equal("Running", Status(1));
        Assert.Equal("Error", Status(2));
        Assert.Contains("broker rejected", ByTestId("bot-list").TextContent);
        Assert.Contains("SPY QQQ", ByTestId("bot-list").TextContent);
        Assert.Equal("$10,250.50", ByTestId("bot-1-equity").TextContent);
        Assert.Equal("$250.50", ByTestId("bot-1-pnl").TextContent);
        Assert.Contains("tb-gain", ByTestId("bot-1-pnl").ClassList);
        Assert.Equal("-$100.00", ByTestId("bot-2-pnl").TextContent);
        Assert.Contains("tb-loss", ByTestId("bot-2-pnl").ClassList);
    }

    [Theory]
    [InlineData(BotStatus.Stopped, true, false, false)]
    [InlineData(BotStatus.Running, false, true, true)]
    [InlineData(BotStatus.Paused, true, false, true)]
    [InlineData(BotStatus.Error, true, false, true)]
    public void Only_the_commands_the_status_allows_are_enabled(BotStatus status, bool start, bool pause, bool stop)
    {
        _bots.Bots.Add(FakeBotsService.Bot(4, "bot", status));
        Render<BotList>();
        Assert.Equal((start, pause, stop), (Enabled(4, "start"), Enabled(4, "pause"), Enabled(4, "stop")));
    }

    [Theory]
    [InlineData(BotStatus.Stopped, "start", BotCommand.Start, "Running")]
    [InlineData(BotStatus.Running, "pause", BotCommand.Pause, "Paused")]
    [InlineData(BotStatus.Paused, "stop", BotCommand.Stop, "Stopped")]
    public async Task A_button_sends_its_command_for_that_bot_and_shows_the_new_status(BotStatus before, string button, BotCommand command, string after)
    {
        _bots.Bots.Add(FakeBotsService.Bot(1, "other", BotStatus.Paused));
        _bots.Bots.Add(FakeBotsService.Bot(7, "target", before));
        Render<BotList>();

        await ByTestId($"bot-7-{button}").ClickAsync(new());

        Assert.Equal(new[] { new FakeBotsService.CommandCall(7, command) }, _bots.Commands);
        Host.WaitForAssertion(() => Assert.Equal(after, Status(7)));
        Assert.Equal("Paused", Status(1));
    }

    [Fact]
    public async Task A_refused_command_says_why()
    {
        _bots.Bots.Add(FakeBotsService.Bot(3, "Momentum", BotStatus.Stopped));
        _bots.Refusal = "The market is closed.";
        Render<BotList>();

        await ByTestId("bot-3-start").ClickAsync(new());

        Host.WaitForAssertion(() => Assert.Contains("Momentum: The market is closed.", Snackbars));
        Assert.Equal("Stopped", Status(3));
    }

    [Fact]
    public void A_status_change_from_the_engine_shows_without_a_reload_click()
    {
        _bots.Bots.Add(FakeBotsService.Bot(5, "Momentum", BotStatus.Running));
        Render<BotList>();
        Assert.Equal("Running", Status(5));

        _bots.SetStatus(5, BotStatus.Paused);

        Host.WaitForAssertion(() => Assert.Equal("Paused", Status(5)));
        Assert.True(Enabled(5, "start"));
        Assert.False(Enabled(5, "pause"));
    }

    [Fact]
    public void Compact_keeps_the_status_and_buttons_only()
    {
        _bots.Bots.Add(FakeBotsService.Bot(1, "Momentum", BotStatus.Running, equity: 10_100m, pnl: 100m, "SPY"));
        Render<BotList>(p => p.Add(x => x.Compact, true));

        Assert.Equal(3, Headers.Count);
        Assert.Contains(Headers, h => h.StartsWith("Status", StringComparison.Ordinal));
        Assert.DoesNotContain(Headers, h => h.Contains("Symbols") || h.Contains("Equity") || h.Contains("P&L"));
        Assert.False(HasTestId("bot-1-equity"));
        Assert.True(HasTestId("bot-1-pause"));
        Assert.Equal("Running", Status(1));
        Assert.False(HasTestId("bot-1-edit"));
    }

    [Fact]
    public async Task Each_bot_opens_in_the_editor_and_clones_and_exports_from_its_menu()
    {
        _bots.Bots.Add(FakeBotsService.Bot(3, "Momentum", BotStatus.Stopped));
        Render<BotList>();

        Assert.Equal("bots/3/edit", ByTestId("bot-3-edit").GetAttribute("href"));
        await Host.Find("[data-testid='bot-3-more'] button").ClickAsync(new());
        Host.WaitForAssertion(() => Assert.Equal("bots/new?clone=3", ByTestId("bot-3-clone").GetAttribute("href")));
        Assert.Equal("api/bots/3/config.json", ByTestId("bot-3-export").GetAttribute("href"));
    }

    [Fact]
    public void Without_bots_points_to_the_samples()
    {
        Render<BotList>();
        Assert.Contains("No bots yet. Create one from a sample above.", ByTestId("bot-list").TextContent);
    }

    [Fact]
    public void Compact_without_bots_points_to_the_bots_page()
    {
        Render<BotList>(p => p.Add(x => x.Compact, true));
        Assert.Contains("No bots yet. Create one from a sample on the Bots page.", ByTestId("bot-list").TextContent);
    }

    [Fact]
    public async Task Unsubscribes_when_disposed()
    {
        Render<BotList>();
        Assert.True(_bots.HasSubscribers);
        await Ctx.DisposeComponentsAsync();
        Assert.False(_bots.HasSubscribers);
    }
}
