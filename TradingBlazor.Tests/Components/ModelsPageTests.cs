using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using TradingBlazor.Components.Pages;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Engine.Backtesting;
using TradingBlazor.Engine.ML;
using TradingBlazor.Services;
using TradingBlazor.Tests.Components.Fakes;

namespace TradingBlazor.Tests.Components;

public sealed class ModelsPageTests : ComponentTestBase
{
    private readonly FakeModelsService _models;

    public ModelsPageTests()
    {
        _models = new FakeModelsService(Clock);
        Ctx.Services.AddSingleton<IModelsService>(_models);
    }

    private static StoredSeries Spx => new("SPX", Timeframe.Day1, 1_800, new DateTime(2000, 1, 3, 14, 30, 0, DateTimeKind.Utc), new DateTime(2007, 2, 23, 14, 30, 0, DateTimeKind.Utc));

    private IRenderedComponent<Models> Open() => Render<Models>();

    private Task SetNumberAsync(string label, string value) =>
        Host.FindComponents<MudNumericField<int>>().Single(f => f.Instance.Label == label).Find("input").ChangeAsync(new ChangeEventArgs { Value = value });

    private Task SetDateAsync(string label, DateTime date)
    {
        var picker = Host.FindComponents<MudDatePicker>().Single(f => f.Instance.Label == label);
        return Host.InvokeAsync(() => picker.Instance.GoToDate(date, true));
    }

    private string FieldError(string label) =>
        Host.FindComponents<MudInputControl>().Single(c => c.Instance.Label == label).Find(".mud-input-helper-text").TextContent.Trim();

    [Fact]
    public void Lists_each_model_with_its_range_seed_hash_validation_and_the_bots_using_it()
    {
        _models.Series.Add(Spx);
        _models.Models.Add(FakeModelsService.Model("SPX", 2, 0.5321, new ModelUser(4, "ML SPX")));
        _models.Models.Add(FakeModelsService.Model("SPX", 1, double.NaN));
        Open();

        var card = ByTestId("model-SPX-v2");
        Assert.Contains("forest", card.TextContent);
        Assert.Equal("2000-02-18 – 2006-12-29 · 1,700 rows", card.QuerySelector("[data-testid=model-range]")!.TextContent.Trim());
        Assert.Equal("0123456789abcdef", card.QuerySelector("[data-testid=model-hash]")!.TextContent);
        Assert.Contains("ret_1, ret_5, ret_20", card.TextContent);
        Assert.Contains("forest AUC 0.532", card.QuerySelector("[data-testid=model-headline]")!.TextContent);
        var metrics = card.QuerySelector("[data-testid=model-metrics] tbody tr")!.TextContent;
        foreach (var part in new[] { "0.532", "52.1%", "0.2487", "53.0%", "1,300" }) Assert.Contains(part, metrics);
        var bot = card.QuerySelector("[data-testid=model-bots] a")!;
        Assert.Equal(("ML SPX", "bots/4"), (bot.TextContent, bot.GetAttribute("href")));
        Assert.Contains("no bot", ByTestId("model-SPX-v1").QuerySelector("[data-testid=model-bots]")!.TextContent);
        Assert.Contains("forest AUC —", ByTestId("model-SPX-v1").TextContent); // one class only: no AUC, not NaN
        Assert.False(HasTestId("model-calibration"));
    }

    [Fact]
    public async Task The_calibration_table_opens_per_model()
    {
        _models.Series.Add(Spx);
        _models.Models.Add(FakeModelsService.Model("SPX", 1, 0.51));
        Open();
        await ByTestId("calibration-toggle-forest").ClickAsync(new());
        var rows = ByTestId("model-calibration").QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        foreach (var part in new[] { "0.4–0.5", "600", "47.0%", "45.0%" }) Assert.Contains(part, rows[0]);
    }

    [Fact]
    public async Task Train_queues_the_chosen_series_and_range_and_the_row_follows_its_progress_to_the_model()
    {
        _models.Series.Add(Spx);
        Open();
        await SetDateAsync("To", new DateTime(2006, 12, 29));
        await SetNumberAsync("Seed", "7");
        await SetNumberAsync("Folds", "3");
        await ByTestId("train-start").ClickAsync(new());

        var request = Assert.Single(_models.Requests);
        Assert.Equal(("SPX", "1d", new DateOnly(2000, 1, 3), new DateOnly(2006, 12, 29)), (request.Symbol, request.Timeframe, request.From, request.To));
        Assert.Equal((ModelType.Forest, 7, 3), (request.Model, request.Seed, request.Folds));
        Host.WaitForAssertion(() => Assert.Equal("queued", ByTestId("training-1").GetAttribute("data-status")));

        _models.Trainings[0] = _models.Trainings[0] with { Status = BacktestStatus.Running };
        _models.Raise(new TrainingProgress(1, BacktestStatus.Running, 0, null));
        Host.WaitForAssertion(() => Assert.Equal("running", ByTestId("training-1").GetAttribute("data-status")));
        _models.Raise(new TrainingProgress(1, BacktestStatus.Running, 0.5, null));
        Host.WaitForAssertion(() => Assert.Contains("50%", ByTestId("training-1").TextContent));
        await ByTestId("training-cancel").ClickAsync(new());
        Assert.Equal(new long[] { 1 }, _models.Canceled);

        _models.Trainings[0] = FakeModelsService.Training(1, "SPX", BacktestStatus.Completed, 1, version: 1);
        _models.Models.Add(FakeModelsService.Model("SPX", 1, 0.51));
        _models.Raise(new TrainingProgress(1, BacktestStatus.Completed, 1, null));
        Host.WaitForAssertion(() => Assert.Equal("SPX v1 · 1,700 rows", ByTestId("training-result").TextContent.Trim()));
        Assert.Contains("2.5 s", ByTestId("training-1").TextContent);
        Assert.False(HasTestId("training-progress"));
        Assert.Contains("SPX v1", ByTestId("model-SPX-v1").TextContent);
    }

    [Fact]
    public async Task Bad_fields_show_the_api_messages_inline_and_nothing_is_queued()
    {
        _models.Series.Add(Spx);
        Open();
        await SetNumberAsync("Folds", "1");
        await SetNumberAsync("Seed", "-3");
        await SetDateAsync("From", new DateTime(2007, 1, 5));
        await SetDateAsync("To", new DateTime(2006, 12, 29));
        await ByTestId("train-start").ClickAsync(new());

        Assert.Empty(_models.Requests);
        Assert.Equal("must be between 2 and 20.", FieldError("Folds"));
        Assert.Equal("must not be negative.", FieldError("Seed"));
        Assert.Equal("must not be before 'from'.", FieldError("To"));
        Assert.False(HasTestId("training-1"));
    }

    [Fact]
    public void Without_stored_bars_the_form_points_to_the_import_and_a_failed_training_shows_why()
    {
        _models.Trainings.Add(FakeModelsService.Training(1, "SPX", BacktestStatus.Failed, 1, error: "250 labelled rows after the indicators' warm-up; at least 300 are needed"));
        Open();
        Assert.Equal("markets/import", ByTestId("train-no-bars").QuerySelector("a")!.GetAttribute("href"));
        Assert.False(HasTestId("train-start"));
        Assert.Equal("failed", ByTestId("training-1").GetAttribute("data-status"));
        Assert.Contains("at least 300 are needed", ByTestId("training-error").TextContent);
        Assert.True(HasTestId("models-empty"));
    }
}
