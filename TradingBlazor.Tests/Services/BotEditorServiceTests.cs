using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Domain.Risk;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Engine.Preview;
using TradingBlazor.Services;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Services;

/// <summary>The real app (SQLite file, simulated market, bot engine) for the editor's service.</summary>
public sealed class EditorApp : IAsyncLifetime
{
    public TestApp App { get; private set; } = null!;
    public IBotEditorService Editor => App.Services.GetRequiredService<IBotEditorService>();

    public async Task InitializeAsync() => App = await TestApp.StartAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class BotEditorServiceTests(EditorApp fx) : IClassFixture<EditorApp>
{
    private IBotEditorService Editor => fx.Editor;

    // Buys whenever it may and never sells by rule: each session's bars before 10:00 are refused (outside the window),
    // the first one inside buys, and the position is sold before the close.
    private static BotConfig Eager(string name, double confidence, ExecutionSettings execution) => new()
    {
        Name = name,
        Symbols = new() { "SPY" },
        Timeframe = "5m",
        TradingWindow = new TradingWindow { Start = "10:00", End = "15:00" },
        Entry = new SignalRule { Rule = JsonSerializer.SerializeToElement("close > 0"), Confidence = confidence },
        Exit = new SignalRule { Rule = JsonSerializer.SerializeToElement("close < 0") },
        Risk = new RiskSettings { PositionFraction = 0.5m },
        Execution = execution,
    };

    [Fact]
    public async Task A_preview_runs_the_samples_config_over_the_last_days_of_the_markets_bars()
    {
        var sample = Editor.Sample("macd_sma_trend");

        var result = await Editor.PreviewAsync(sample, days: 30);

        var preview = Assert.IsType<BotPreview>(result.Preview);
        Assert.Empty(result.Errors);
        Assert.Equal("Simulated market", preview.Source);
        Assert.NotEmpty(preview.Signals);
        Assert.All(preview.Signals, s => Assert.True(s.TimeUtc >= preview.FromUtc, "no signal from the warm-up bars"));
        Assert.InRange(preview.ToUtc - preview.FromUtc, TimeSpan.FromDays(29), TimeSpan.FromDays(30));
        Assert.Equal(preview.Signals.Count, Enum.GetValues<PreviewOutcome>().Sum(preview.Count));
        Assert.All(preview.Signals.Where(s => s.Outcome == PreviewOutcome.Refused), s => Assert.False(string.IsNullOrEmpty(s.Reason)));
        // The sample's signals carry confidence 1: hybrid executes them all.
        Assert.Equal(0, preview.Count(PreviewOutcome.AwaitsApproval));
    }

    [Theory]
    [InlineData(ExecutionMode.Hybrid, 0.75, PreviewOutcome.AwaitsApproval)]
    [InlineData(ExecutionMode.Hybrid, 0.5, PreviewOutcome.BelowThreshold)]
    [InlineData(ExecutionMode.Hybrid, 0.9, PreviewOutcome.Executed)]
    [InlineData(ExecutionMode.Manual, 0.9, PreviewOutcome.AwaitsApproval)]
    [InlineData(ExecutionMode.Auto, 0.1, PreviewOutcome.Executed)]
    public async Task Signals_that_pass_risk_are_judged_by_the_execution_gate(ExecutionMode mode, double confidence, PreviewOutcome expected)
    {
        var config = Eager("gate", confidence, new ExecutionSettings { Mode = mode, AutoThreshold = 0.8, ApprovalThreshold = 0.7 });

        var preview = (await Editor.PreviewAsync(config, days: 5)).Preview!;

        var passed = preview.Signals.Where(s => s.Outcome != PreviewOutcome.Refused).ToList();
        Assert.NotEmpty(passed);
        Assert.All(passed, s => Assert.Equal(expected, s.Outcome));
        // The refusals are counted by their reason.
        var refusals = preview.RefusalsByCode.ToDictionary(r => r.Code, r => r.Count);
        Assert.True(refusals.GetValueOrDefault(RiskRejectionCode.OutsideTradingWindow) > 0);
        Assert.Equal(preview.Count(PreviewOutcome.Refused), refusals.Values.Sum());
    }

    [Fact]
    public async Task An_invalid_config_is_not_previewed_and_every_problem_is_named()
    {
        var config = Eager("bad", 1, new ExecutionSettings()) with { Capital = 0, Symbols = new() { "SPY", "not a symbol" } };

        var result = await Editor.PreviewAsync(config, days: 5);

        Assert.Null(result.Preview);
        Assert.Equal(BotConfigValidator.Validate(config), result.Errors);
        Assert.Equal(new[] { "symbols[1]", "capital" }, result.Errors.Select(e => e.Field));
    }

    [Fact]
    public async Task A_symbol_without_data_says_so()
    {
        var result = await Editor.PreviewAsync(Eager("nodata", 1, new ExecutionSettings()) with { Symbols = new() { "ZZZQ" } }, days: 5);

        Assert.Null(result.Preview);
        Assert.StartsWith("No 5m bars for ZZZQ in the last 5 days", result.Problem);
    }

    [Fact]
    public async Task Saving_reports_every_field_problem_then_creates_and_edits_a_stopped_bot()
    {
        var bad = Eager("saved bot", 1, new ExecutionSettings()) with { Capital = -1, Risk = new RiskSettings { StopLoss = 3 } };
        var refused = await Editor.SaveAsync(null, bad);
        Assert.Equal(new[] { "capital", "risk.stop_loss" }, refused.Errors.Select(e => e.Field));

        var created = await Editor.SaveAsync(null, bad with { Capital = 5_000m, Risk = new RiskSettings() });
        var id = Assert.IsType<long>(created.Id);
        var bot = (await Editor.GetAsync(id))!;
        Assert.Equal((BotStatus.Stopped, 5_000m), (bot.Status, bot.Config.Capital));

        var edited = await Editor.SaveAsync(id, bot.Config with { Capital = 6_000m });
        Assert.True(edited.Ok);
        Assert.Equal((bot.Revision + 1, 6_000m), ((await Editor.GetAsync(id))!.Revision, (await Editor.GetAsync(id))!.Config.Capital));

        var bots = fx.App.Services.GetRequiredService<IBotService>();
        Assert.True((await bots.CommandAsync(id, BotCommand.Start)).Ok);
        var whileRunning = await Editor.SaveAsync(id, bot.Config with { Capital = 7_000m });
        Assert.Equal("The bot is running: pause or stop it to edit its configuration.", whileRunning.Refusal);
        Assert.False((await Editor.GetAsync(id))!.CanEdit);
        Assert.True((await bots.CommandAsync(id, BotCommand.Stop)).Ok);

        var duplicate = await Editor.SaveAsync(null, bot.Config);
        Assert.Equal(("name", $"A bot named '{bot.Config.Name}' already exists."), (duplicate.Errors.Single().Field, duplicate.Errors.Single().Message));
    }

    [Fact]
    public async Task An_import_takes_a_free_name_and_a_broken_document_names_its_field()
    {
        var json = Editor.Sample("sma_cross") with { Name = "imported twice" };
        var first = await Editor.ImportAsync(json.ToJson());
        var second = await Editor.ImportAsync(json.ToJson());

        Assert.Equal("imported twice", (await Editor.GetAsync(first.Id!.Value))!.Config.Name);
        Assert.Equal("imported twice (2)", (await Editor.GetAsync(second.Id!.Value))!.Config.Name);
        var broken = await Editor.ImportAsync("""{ "name": "x", "capital": "lots" }""");
        Assert.Equal("capital", broken.Errors.Single().Field);
    }
}
