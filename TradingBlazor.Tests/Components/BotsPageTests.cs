using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Components.Pages;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Services;
using TradingBlazor.Tests.Components.Fakes;

namespace TradingBlazor.Tests.Components;

public sealed class BotsPageTests : ComponentTestBase
{
    private static readonly DateTime At = new(2025, 3, 12, 14, 30, 0, DateTimeKind.Utc);
    private readonly FakeBotsService _bots = new();
    private readonly FakeBotEditorService _editor = new();

    public BotsPageTests()
    {
        Ctx.Services.AddSingleton<IBotsService>(_bots);
        Ctx.Services.AddSingleton<IBotEditorService>(_editor);
        Ctx.Services.AddSingleton<IApprovalsService>(new FakeApprovalsService());
    }

    private string Snackbars => Host.Find("#mud-snackbar-container").TextContent;

    [Fact]
    public void Lists_the_bots_with_their_status_and_the_live_trades()
    {
        _bots.Bots.Add(FakeBotsService.Bot(1, "Momentum", BotStatus.Running, equity: 10_500m, pnl: 500m));
        _bots.Trades.Add(new TradeActivity(At, 1, "Momentum", "SPY", OrderSide.Buy, 10m, 500m, null));

        Render<Bots>();

        Assert.Equal("Bots", ByTestId("page-title").TextContent);
        Assert.Equal("Running", ByTestId("bot-1-status").TextContent.Trim());
        Assert.Equal("$10,500.00", ByTestId("bot-1-equity").TextContent);
        Assert.Contains("Momentum", ByTestId("live-trades").TextContent);
        Assert.Equal(new[] { 50 }, _bots.TradeLimits);
    }

    [Fact]
    public async Task Stop_sends_stop_for_the_bot()
    {
        _bots.Bots.Add(FakeBotsService.Bot(2, "Momentum", BotStatus.Running));
        Render<Bots>();

        await ByTestId("bot-2-stop").ClickAsync(new());

        Assert.Equal(new[] { new FakeBotsService.CommandCall(2, BotCommand.Stop) }, _bots.Commands);
        Host.WaitForAssertion(() => Assert.Equal("Stopped", ByTestId("bot-2-status").TextContent.Trim()));
    }

    [Fact]
    public async Task A_new_bot_from_the_chosen_sample_appears_in_the_list()
    {
        Render<Bots>();
        Assert.Contains("No bots yet", ByTestId("bot-list").TextContent);

        await SelectAsync("Sample config", "sma_cross");
        await ByTestId("bot-create").ClickAsync(new());

        Assert.Equal(new[] { "sma_cross" }, _bots.Created);
        Host.WaitForAssertion(() => Assert.Equal("Stopped", ByTestId("bot-1-status").TextContent.Trim()));
        Assert.Contains("Created bot 1 from sma_cross (stopped).", Snackbars);
    }

    [Fact]
    public async Task A_sample_that_cannot_be_created_says_why()
    {
        _bots.Refusal = "name: A bot named 'x' exists.";
        Render<Bots>();

        await ByTestId("bot-create").ClickAsync(new());

        Assert.Equal(new[] { "rsi_mean_reversion" }, _bots.Created);
        Host.WaitForAssertion(() => Assert.Contains("Could not create the bot: name: A bot named 'x' exists.", Snackbars));
    }

    [Fact]
    public void Without_samples_the_create_button_is_disabled()
    {
        _bots.SampleNames.Clear();
        Render<Bots>();
        Assert.True(ByTestId("bot-create").HasAttribute("disabled"));
    }

    [Fact]
    public void Live_fills_and_status_changes_render_as_they_happen()
    {
        _bots.Bots.Add(FakeBotsService.Bot(3, "Momentum", BotStatus.Running));
        Render<Bots>();

        _bots.Fill(new TradeActivity(At, 3, "Momentum", "QQQ", OrderSide.Buy, 4m, 430m, null));
        _bots.SetStatus(3, BotStatus.Paused);

        Host.WaitForAssertion(() => Assert.Contains("QQQ", ByTestId("live-trades").TextContent));
        Host.WaitForAssertion(() => Assert.Equal("Paused", ByTestId("bot-3-status").TextContent.Trim()));
    }

    [Fact]
    public async Task The_editor_opens_on_the_chosen_sample()
    {
        Render<Bots>();
        Assert.Equal("bots/new?sample=rsi_mean_reversion", ByTestId("bot-new").GetAttribute("href"));
        await SelectAsync("Sample config", "sma_cross");
        Host.WaitForAssertion(() => Assert.Equal("bots/new?sample=sma_cross", ByTestId("bot-new").GetAttribute("href")));
    }

    [Fact]
    public void An_imported_config_becomes_a_stopped_bot()
    {
        Render<Bots>();
        var json = SampleStrategies.All["sma_cross"];

        Host.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>().UploadFiles(InputFileContent.CreateFromText(json, "sma.json"));

        Host.WaitForAssertion(() => Assert.Contains("Imported sma.json as bot 1 (stopped).", Snackbars));
        Assert.Equal(json, Assert.Single(_editor.Imports));
        Assert.Equal("SMA 10/30 crossover", _editor.Bots[1].Config.Name);
    }

    [Fact]
    public void An_import_the_api_would_refuse_lists_its_fields()
    {
        Render<Bots>();

        Host.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>().UploadFiles(InputFileContent.CreateFromText("""{ "name": "x", "symbols": [], "capital": 0 }""", "bad.json"));

        Host.WaitForAssertion(() => Assert.Contains("Could not import bad.json: symbols: must list at least one symbol.; capital: must be greater than 0.", Snackbars));
        Assert.Empty(_editor.Bots);
    }
}
