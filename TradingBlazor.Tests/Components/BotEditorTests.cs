using System.Text.Json;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using TradingBlazor.Components.Bots.Editor;
using TradingBlazor.Components.Pages;
using TradingBlazor.Domain.Risk;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Preview;
using TradingBlazor.Services;
using TradingBlazor.Tests.Components.Fakes;

namespace TradingBlazor.Tests.Components;

public sealed class BotEditorTests : ComponentTestBase
{
    private readonly FakeBotEditorService _editor = new();
    private readonly FakeMarketDataService _market = new();
    private readonly BunitJSModuleInterop _chart;

    public BotEditorTests()
    {
        Ctx.Services.AddSingleton<IBotEditorService>(_editor);
        Ctx.Services.AddSingleton<IMarketDataService>(_market);
        _chart = Ctx.JSInterop.SetupModule("./js/price-chart.js");
        _chart.Setup<int>("create", _ => true).SetResult(7);
    }

    private IRenderedComponent<BotEditor> Open(string url, long? id = null)
    {
        Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        var page = Render<BotEditor>(p => p.Add(x => x.Id, id));
        Host.WaitForAssertion(() => Assert.True(HasTestId("editor-save")));
        return page;
    }

    /// <summary>The error line MudBlazor shows under the input with this test id (null when it shows none).</summary>
    private string? ErrorUnder(string testId)
    {
        var control = Host.FindAll(".mud-input-control").LastOrDefault(c => c.QuerySelector($"[data-testid='{testId}']") is not null)
            ?? throw new InvalidOperationException($"No input {testId}.");
        return control.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim() is { Length: > 0 } text ? text : null;
    }

    private IElement InputOf(string testId) => ByTestId(testId) is { TagName: "INPUT" or "TEXTAREA" } input ? input : ByTestId(testId).QuerySelector("input, textarea")!;

    private BotConfig Saved() => _editor.Saves.Last().Config;

    private async Task SaveAsync() => await ByTestId("editor-save").ClickAsync(new());

    private static string ApiMessage(BotConfig document, string field) => BotConfigValidator.Validate(document).Single(e => e.Field == field).Message;

    [Fact]
    public async Task Each_field_shows_the_message_the_api_gives_for_it()
    {
        Open("bots/new?sample=rsi_mean_reversion");
        Assert.Equal("RSI mean reversion", InputOf("editor-name").GetAttribute("value"));
        Assert.Null(ErrorUnder("editor-capital"));

        InputOf("editor-capital").Change("-5");
        InputOf("risk-stop_loss").Change("5");
        InputOf("execution-approval_timeout_minutes").Change("0");

        var sample = _editor.Sample("rsi_mean_reversion");
        var document = sample with { Capital = -5, Risk = sample.Risk with { StopLoss = 5 }, Execution = sample.Execution with { ApprovalTimeoutMinutes = 0 } };
        Host.WaitForAssertion(() => Assert.Equal(ApiMessage(document, "capital"), ErrorUnder("editor-capital")));
        Assert.Equal("must be greater than 0.", ErrorUnder("editor-capital"));
        Assert.Equal(ApiMessage(document, "risk.stop_loss"), ErrorUnder("risk-stop_loss"));
        Assert.Equal(ApiMessage(document, "execution.approval_timeout_minutes"), ErrorUnder("execution-approval_timeout_minutes"));
        // The summary lists every problem by field, as the API's problem details do.
        Assert.Equal(BotConfigValidator.Validate(document).Select(e => $"{e.Field} {e.Message}"),
            Host.FindAll("[data-testid='editor-errors'] li").Select(li => li.TextContent.Trim()));

        await SaveAsync();
        Assert.Empty(_editor.Bots);
        Assert.Equal(-5m, Saved().Capital);
    }

    [Fact]
    public void A_rule_typed_as_text_shows_the_parsers_message_under_it()
    {
        Open("bots/new?sample=macd_sma_trend");
        // Arithmetic and between are beyond the builder: the sample opens as text.
        Assert.Contains("between 0.05 and 2", InputOf("entry-text").TextContent + InputOf("entry-text").GetAttribute("value"));

        InputOf("entry-text").Input("rsi_99 > 30");

        var sample = _editor.Sample("macd_sma_trend");
        var expected = ApiMessage(sample with { Entry = new SignalRule { Rule = JsonSerializer.SerializeToElement("rsi_99 > 30") } }, "entry.rule");
        Host.WaitForAssertion(() => Assert.Equal(expected, ErrorUnder("entry-text")));
        Assert.StartsWith("unknown variable 'rsi_99'", expected);
        // The spot is marked: the parser's position, the first character of the unknown name.
        Assert.Equal("At character 1:", ByTestId("entry-error-at").QuerySelector("span")!.TextContent);
        Assert.Equal("r", ByTestId("entry-error-at").QuerySelector("mark")!.TextContent);

        InputOf("entry-text").Input("rsi_14 > 30 and close ? 1");
        Host.WaitForAssertion(() => Assert.Equal("?", ByTestId("entry-error-at").QuerySelector("mark")!.TextContent));
        Assert.Equal("At character 23:", ByTestId("entry-error-at").QuerySelector("span")!.TextContent);
    }

    [Fact]
    public async Task The_builder_writes_the_rule_language()
    {
        Open("bots/new?sample=rsi_mean_reversion");
        // {"all": [three conditions]} opens in the builder.
        Assert.Equal("rsi_14 crosses_above 30 and close < sma_50 and macd > signal", ByTestId("entry-builder-text").TextContent);

        var builder = Host.FindComponents<RuleEditor>().Single(r => r.Instance.Field == "entry");
        await Host.InvokeAsync(() => builder.FindComponents<MudRadioGroup<RuleCombine>>().Single().Instance.ValueChanged.InvokeAsync(RuleCombine.Any));
        await ByTestId("entry-remove-2").ClickAsync(new());
        await ByTestId("entry-add-condition").ClickAsync(new());
        // A new condition starts as "close > 0".
        Host.WaitForAssertion(() => Assert.Equal("rsi_14 crosses_above 30 or close < sma_50 or close > 0", ByTestId("entry-builder-text").TextContent));
        await SaveAsync();
        Assert.Equal("rsi_14 crosses_above 30 or close < sma_50 or close > 0", Saved().Entry!.Rule.GetString());
    }

    [Fact]
    public async Task Builder_text_round_trips_into_the_saved_document()
    {
        Open("bots/new?sample=rsi_mean_reversion");
        var builder = Host.FindComponents<RuleEditor>().Single(r => r.Instance.Field == "entry");
        var condition = builder.Instance.Draft.Conditions[1];
        await Host.InvokeAsync(async () =>
        {
            condition.AgainstValue = false;
            condition.Right = "sma_50";
            condition.Operator = "crosses_below";
            await builder.Instance.Changed.InvokeAsync();
        });
        await ByTestId("entry-mode-text").ClickAsync(new());
        Host.WaitForAssertion(() => Assert.Equal("rsi_14 crosses_above 30 and close crosses_below sma_50 and macd > signal", InputOf("entry-text").GetAttribute("value") ?? InputOf("entry-text").TextContent));

        await SaveAsync();
        Assert.Equal("rsi_14 crosses_above 30 and close crosses_below sma_50 and macd > signal", Saved().Entry!.Rule.GetString());
        Assert.Equal(new[] { "rsi(14)", "macd(12,26,9)", "sma(50)" }, Saved().Indicators);
        Assert.Single(_editor.Bots);
    }

    [Fact]
    public async Task The_preview_shows_its_counts_refusals_and_signals_on_the_chart()
    {
        var t = new DateTime(2025, 3, 11, 14, 30, 0, DateTimeKind.Utc);
        _editor.PreviewAnswer = new BotPreview(t.AddDays(-10), t, "Simulated market", 780, new[]
        {
            new PreviewSignal("SPY", t, SignalAction.Buy, 0.9, PreviewOutcome.Executed, null, null),
            new PreviewSignal("SPY", t.AddMinutes(5), SignalAction.Buy, 0.75, PreviewOutcome.AwaitsApproval, null, "confidence 0.75 is below the auto threshold 0.80"),
            new PreviewSignal("SPY", t.AddMinutes(10), SignalAction.Buy, 0.9, PreviewOutcome.Refused, RiskRejectionCode.AlreadyInPosition, "Already holding SPY."),
            new PreviewSignal("SPY", t.AddMinutes(15), SignalAction.Buy, 0.9, PreviewOutcome.Refused, RiskRejectionCode.AlreadyInPosition, "Already holding SPY."),
            new PreviewSignal("SPY", t.AddMinutes(20), SignalAction.Buy, 0.9, PreviewOutcome.Refused, RiskRejectionCode.OutsideTradingWindow, "Outside 09:30-12:00."),
            new PreviewSignal("SPY", t.AddMinutes(25), SignalAction.Sell, 0.9, PreviewOutcome.Executed, null, null),
        }, Trades: 1, InitialCapital: 10_000m, FinalEquity: 10_120m);
        Open("bots/new?sample=rsi_mean_reversion");

        await ByTestId("preview-run").ClickAsync(new());

        Host.WaitForAssertion(() => Assert.Equal("6", ByTestId("preview-signals").TextContent));
        Assert.Equal("2", ByTestId("preview-executed").TextContent);
        Assert.Equal("1", ByTestId("preview-approval").TextContent);
        Assert.Equal("3", ByTestId("preview-refused").TextContent);
        Assert.Equal("AlreadyInPosition · 2", ByTestId("preview-code-AlreadyInPosition").TextContent.Trim());
        Assert.Equal("OutsideTradingWindow · 1", ByTestId("preview-code-OutsideTradingWindow").TextContent.Trim());
        Assert.Equal(6, Host.FindAll("[data-testid='preview-list'] tbody tr").Count);
        Assert.Contains("OutsideTradingWindow: Outside 09:30-12:00.", ByTestId("preview-list").TextContent);
        Assert.Equal(new[] { "SPY" }, _editor.Previews.Single().Config.Symbols);
        Assert.Equal(10, _editor.Previews.Single().Days);
        // The signals go onto the chart as markers, one per signal of the charted symbol.
        Host.WaitForAssertion(() => Assert.Contains(_chart.Invocations, i => i.Identifier == "setMarkers"));
        var markers = (IReadOnlyList<Engine.Backtesting.ChartMarker>)_chart.Invocations.Last(i => i.Identifier == "setMarkers").Arguments[1]!;
        Assert.Equal(6, markers.Count);
        Assert.Equal(new DateTimeOffset(t).ToUnixTimeSeconds(), markers[0].Time);
    }

    [Fact]
    public async Task A_preview_of_an_invalid_config_says_what_to_fix()
    {
        Open("bots/new?sample=rsi_mean_reversion");
        InputOf("editor-capital").Change("0");

        await ByTestId("preview-run").ClickAsync(new());

        Host.WaitForAssertion(() => Assert.Contains("Fix the 1 problem(s) below", ByTestId("preview-problem").TextContent));
        Assert.False(HasTestId("preview-result"));
    }

    [Fact]
    public void A_running_bot_opens_for_preview_but_cannot_be_saved()
    {
        _editor.Bots[4] = new EditableBot(4, BotStatus.Running, 3, _editor.Sample("sma_cross"));
        Open("bots/4/edit", id: 4);
        Assert.Equal("Edit bot", ByTestId("page-title").TextContent);
        Assert.True(HasTestId("editor-running"));
        Assert.True(ByTestId("editor-save").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_clone_starts_from_a_copy_under_a_new_name_and_saves_as_a_new_bot()
    {
        _editor.Bots[4] = new EditableBot(4, BotStatus.Running, 3, _editor.Sample("sma_cross"));
        Open("bots/new?clone=4");
        Assert.Equal("SMA 10/30 crossover (copy)", InputOf("editor-name").GetAttribute("value"));

        await SaveAsync();

        Assert.Null(_editor.Saves.Single().Id);
        Assert.Equal(2, _editor.Bots.Count);
    }
}
