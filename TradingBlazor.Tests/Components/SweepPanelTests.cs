using System.Text.RegularExpressions;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using TradingBlazor.Components.Backtests;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Engine.Backtesting;
using TradingBlazor.Services;
using TradingBlazor.Tests.Components.Fakes;

namespace TradingBlazor.Tests.Components;

public sealed class SweepPanelTests : ComponentTestBase
{
    private readonly FakeBacktestLab _lab = TestConfigs.Lab();

    public SweepPanelTests() => Ctx.Services.AddSingleton<IBacktestLab>(_lab);

    private static BacktestMetrics Metrics(double sharpe, double returnPct, double drawdownPct, int trades) =>
        new(returnPct, returnPct, sharpe, sharpe, drawdownPct, 100m, 10, 12, 1, trades, 50, 1.5, 10m, 40, 5, 7, 3m, 8);

    private static SweepPoint Point(double fast, double slow, BacktestMetrics? metrics, string? error = null) =>
        new(new Dictionary<string, double> { ["fast"] = fast, ["slow"] = slow }, metrics, 10_000m, error);

    private void GiveTwoByTwoGrid() => _lab.SweepResult = new[]
    {
        Point(5, 20, Metrics(1.5, 12, 4, 6)),
        Point(5, 40, Metrics(0.5, 3, 6, 4)),
        Point(10, 20, null, "sma_10 must be shorter than sma_20"),
        Point(10, 40, Metrics(-0.25, -2, 9, 3)),
    };

    private Task SetRangeAsync(int index, string text) => ByTestId($"sweep-param-{index}").ChangeAsync(new ChangeEventArgs { Value = text });

    private Task SetSymbolAsync(string symbol) =>
        Host.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == "Symbol").Find("input").ChangeAsync(new ChangeEventArgs { Value = symbol });

    private Task SweepAsync() => ByTestId("sweep-run").ClickAsync(new());

    private List<string[]> TableRows() =>
        ByTestId("sweep-table").QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();

    [Fact]
    public void Starts_from_the_labs_template_and_two_ranges()
    {
        Render<SweepPanel>();

        var template = Host.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == "Template (JSON)");
        Assert.Equal(TestConfigs.SweepTemplate, template.Find("textarea").GetAttribute("value"));
        Assert.Equal("fast=5:30:5", ByTestId("sweep-param-0").GetAttribute("value"));
        Assert.Equal("slow=20:100:20", ByTestId("sweep-param-1").GetAttribute("value"));
        Assert.False(HasTestId("sweep-heatmap"));
    }

    private string FieldError(string label) =>
        Host.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == label).Find(".mud-input-helper-text").TextContent.Trim();

    private Task SetConstraintAsync(string text) => ByTestId("sweep-constraint").ChangeAsync(new ChangeEventArgs { Value = text });

    [Fact]
    public async Task A_bad_range_is_shown_on_its_field_as_it_is_typed_and_nothing_can_run()
    {
        Render<SweepPanel>();

        await SetRangeAsync(0, "fast=30:5:5");

        Assert.Equal("'fast=30:5:5': step must be positive and to ≥ from", FieldError("Parameter 1"));
        Assert.Equal("true", ByTestId("sweep-param-0").GetAttribute("aria-invalid"));
        Assert.True(ByTestId("sweep-run").HasAttribute("disabled"));
        Assert.True(ByTestId("wf-run").HasAttribute("disabled"));
        Assert.False(HasTestId("sweep-plan"));
        Assert.Empty(_lab.Sweeps);

        await SetRangeAsync(0, "fast=5:30:5");

        Assert.False(ByTestId("sweep-run").HasAttribute("disabled"));
        Assert.True(HasTestId("sweep-plan"));
    }

    [Fact]
    public async Task A_range_that_is_not_name_equals_values_is_explained()
    {
        Render<SweepPanel>();

        await SetRangeAsync(1, "slow 20 to 100");

        Assert.Equal("'slow 20 to 100' is not name=from:to:step or name=v1,v2,...", FieldError("Parameter 2"));
    }

    [Fact]
    public void The_default_constraint_skips_the_combinations_where_fast_is_not_below_slow()
    {
        Render<SweepPanel>();

        Assert.Equal("fast < slow", ByTestId("sweep-constraint").GetAttribute("value"));
        // fast 5..30 by 5 × slow 20..100 by 20: fast 20, 25 and 30 with slow 20 are ruled out.
        Assert.Equal("30 combinations: 27 to run, 3 skipped by fast < slow.", ByTestId("sweep-plan").TextContent.Trim());
    }

    [Fact]
    public async Task A_constraint_is_checked_as_it_is_typed()
    {
        Render<SweepPanel>();

        await SetConstraintAsync("fast < slwo");
        Assert.StartsWith("unknown variable 'slwo' in \"fast < slwo\"; known: fast, slow.", FieldError("Constraint"));
        Assert.True(ByTestId("sweep-run").HasAttribute("disabled"));

        await SetConstraintAsync("fast > 100");
        Assert.Equal("rules out all 30 combinations of the grid.", FieldError("Constraint"));

        await SetConstraintAsync("slow >= 4 * fast");
        Assert.Equal("30 combinations: 15 to run, 15 skipped by slow >= 4 * fast.", ByTestId("sweep-plan").TextContent.Trim());

        await SetConstraintAsync("");
        Assert.Equal("30 combinations to run.", ByTestId("sweep-plan").TextContent.Trim());
        Assert.False(ByTestId("sweep-run").HasAttribute("disabled"));
    }

    [Fact]
    public async Task The_sweep_sends_the_constraint_and_marks_skipped_cells_in_the_heatmap()
    {
        _lab.SweepResult = new[] { Point(5, 20, Metrics(1.5, 12, 4, 6)), Point(5, 40, Metrics(0.5, 3, 6, 4)), Point(30, 40, Metrics(0.2, 1, 6, 4)) };
        Render<SweepPanel>();
        await SetRangeAsync(0, "fast=5,30");
        await SetRangeAsync(1, "slow=20,40");

        await SweepAsync();

        Assert.Equal("fast < slow", Assert.Single(_lab.Sweeps).Constraint);
        var cells = ByTestId("sweep-heatmap").QuerySelectorAll(".tb-heat-cell");
        Assert.Equal(new[] { "1.50", "0.50", "·", "0.20" }, cells.Select(c => c.TextContent));
        Assert.Equal("skipped: not fast < slow", cells[2].GetAttribute("title"));
        Assert.Matches(new Regex(@"3 combinations in \d+\.\d\d s; 0 invalid; 1 skipped by fast < slow\."), ByTestId("sweep-summary").TextContent);
    }

    [Fact]
    public async Task A_template_the_lab_rejects_is_explained()
    {
        _lab.SweepFailure = new BotConfigException("indicators[0]", "unknown indicator 'smaa'.");
        Render<SweepPanel>();

        await SweepAsync();

        Assert.Equal("indicators[0]: unknown indicator 'smaa'.", ByTestId("sweep-error").TextContent.Trim());
    }

    [Fact]
    public async Task A_good_sweep_sends_the_request_and_renders_the_heatmap_and_ranking()
    {
        GiveTwoByTwoGrid();
        Render<SweepPanel>();

        await SetSymbolAsync("QQQ");
        await SetRangeAsync(0, "fast=5:10:5");
        await SetRangeAsync(1, "slow=20,40");
        await SweepAsync();

        var request = Assert.Single(_lab.Sweeps);
        Assert.Equal(new[] { "fast=5:10:5", "slow=20,40" }, request.Ranges);
        Assert.Equal("QQQ", request.Symbol);
        Assert.Equal(TestConfigs.SweepTemplate, request.Template);
        Assert.Equal(new DateOnly(2023, 1, 3), request.From);
        Assert.Equal(new DateOnly(2025, 10, 31), request.To);
        Assert.Equal("sharpe", request.Metric);
        Assert.Equal((250, 60), (request.InSampleBars, request.OutOfSampleBars));

        var heatmap = ByTestId("sweep-heatmap");
        Assert.Equal(@"fast \ slow", heatmap.QuerySelector(".tb-heat-corner")!.TextContent);
        Assert.Equal(new[] { "20", "40", "5", "10" }, heatmap.QuerySelectorAll(".tb-heat-head").Select(h => h.TextContent));
        var cells = heatmap.QuerySelectorAll(".tb-heat-cell");
        Assert.Equal(4, cells.Length);
        Assert.Equal(new[] { "1.50", "0.50", "×", "-0.25" }, cells.Select(c => c.TextContent));
        Assert.Contains("hsl(120, 65%, 42%)", cells[0].GetAttribute("style"));
        Assert.Contains("hsl(0, 65%, 42%)", cells[3].GetAttribute("style"));
        Assert.Equal("sma_10 must be shorter than sma_20", cells[2].GetAttribute("title"));
        Assert.Equal("return 12.00%, max DD 4.00%, 6 trades", cells[0].GetAttribute("title"));

        Assert.Matches(new Regex(@"4 combinations in \d+\.\d\d s; 1 invalid\."), ByTestId("sweep").TextContent);
        var rows = TableRows();
        Assert.Equal(new[] { "fast=5, slow=20", "fast=5, slow=40", "fast=10, slow=40", "fast=10, slow=20" }, rows.Select(r => r[0]));
        Assert.Equal(new[] { "fast=5, slow=20", "1.500", "12.00", "4.00", "6", "" }, rows[0]);
        Assert.Equal("sma_10 must be shorter than sma_20", rows[3][^1]);
        Assert.False(HasTestId("sweep-error"));
    }

    [Fact]
    public async Task Ranking_by_another_metric_sends_and_scores_by_it()
    {
        GiveTwoByTwoGrid();
        Render<SweepPanel>();

        await SelectAsync("Rank by", "total_return_pct");
        await SweepAsync();

        Assert.Equal("total_return_pct", Assert.Single(_lab.Sweeps).Metric);
        Assert.Equal(new[] { "12.00", "3.00", "×", "-2.00" }, ByTestId("sweep-heatmap").QuerySelectorAll(".tb-heat-cell").Select(c => c.TextContent));
        Assert.Equal("12.000", TableRows()[0][1]);
    }

    [Fact]
    public async Task One_parameter_ranks_without_a_heatmap()
    {
        _lab.SweepResult = new[]
        {
            new SweepPoint(new Dictionary<string, double> { ["fast"] = 5 }, Metrics(0.2, 1, 2, 1), 10_000m, null),
            new SweepPoint(new Dictionary<string, double> { ["fast"] = 10 }, Metrics(0.9, 5, 2, 2), 10_000m, null),
        };
        Render<SweepPanel>();

        await SetRangeAsync(1, "");
        await SetConstraintAsync("");
        await SweepAsync();

        Assert.Equal(new[] { "fast=5:30:5", "" }, Assert.Single(_lab.Sweeps).Ranges);
        Assert.False(HasTestId("sweep-heatmap"));
        Assert.Equal(new[] { "fast=10", "fast=5" }, TableRows().Select(r => r[0]));
    }

    [Fact]
    public async Task A_running_sweep_shows_progress_and_can_be_canceled()
    {
        _lab.SweepGate = new TaskCompletionSource();
        Render<SweepPanel>();

        var sweeping = SweepAsync();

        Host.WaitForAssertion(() => Assert.Equal("50", ByTestId("sweep-progress").GetAttribute("aria-valuenow")));
        Assert.True(ByTestId("sweep-run").HasAttribute("disabled"));
        Assert.True(ByTestId("wf-run").HasAttribute("disabled"));

        await ByTestId("sweep-cancel").ClickAsync(new());
        await sweeping;

        Assert.Equal("Sweep canceled.", ByTestId("sweep-error").TextContent.Trim());
        Assert.False(HasTestId("sweep-progress"));
        Assert.False(ByTestId("sweep-run").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Walk_forward_sends_the_window_sizes_and_shows_each_window()
    {
        var start = new DateTime(2024, 1, 2, 21, 0, 0, DateTimeKind.Utc);
        _lab.WalkForwardResult = new WalkForwardResult(new[]
        {
            new WalkForwardWindow(start, start.AddDays(100), start.AddDays(130), new Dictionary<string, double> { ["fast"] = 5, ["slow"] = 20 }, 1.25, Metrics(0.8, 4.5, 2, 3), 3),
            new WalkForwardWindow(start.AddDays(30), start.AddDays(130), start.AddDays(160), new Dictionary<string, double> { ["fast"] = 10, ["slow"] = 40 }, 0.75, Metrics(0.1, -1.25, 3, 1), 1),
        }, new[] { new EquityPoint(start.AddDays(100), 10_000m), new EquityPoint(start.AddDays(160), 11_000m) }, 10_000m);
        Render<SweepPanel>();

        await Host.FindComponents<MudNumericField<int>>().Single(f => f.Instance.Label == "In-sample bars").Find("input").ChangeAsync(new ChangeEventArgs { Value = "120" });
        await Host.FindComponents<MudNumericField<int>>().Single(f => f.Instance.Label == "Out-of-sample bars").Find("input").ChangeAsync(new ChangeEventArgs { Value = "30" });
        await ByTestId("wf-run").ClickAsync(new());

        var request = Assert.Single(_lab.WalkForwards);
        Assert.Equal((120, 30), (request.InSampleBars, request.OutOfSampleBars));
        Assert.Empty(_lab.Sweeps);
        Assert.Contains("Walk-forward, stitched out of sample: 10,000.00 → 11,000.00 (10.00%) over 2 windows", Regex.Replace(ByTestId("wf-summary").TextContent, @"\s+", " "));
        var rows = ByTestId("wf-table").QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(new[] { "2024-04-11", "2024-05-11", "fast=5, slow=20", "1.250", "4.50", "3" }, rows[0]);
        Assert.Equal(new[] { "2024-05-11", "2024-06-10", "fast=10, slow=40", "0.750", "-1.25", "1" }, rows[1]);
    }

    [Fact]
    public async Task A_new_run_clears_the_previous_results()
    {
        GiveTwoByTwoGrid();
        Render<SweepPanel>();
        await SweepAsync();
        Assert.True(HasTestId("sweep-heatmap"));

        _lab.SweepFailure = new BotConfigException("indicators[0]", "unknown indicator 'smaa'.");
        await SweepAsync();

        Assert.False(HasTestId("sweep-heatmap"));
        Assert.False(HasTestId("sweep-table"));
        Assert.True(HasTestId("sweep-error"));
    }

    [Fact]
    public async Task A_second_sweep_starts_from_zero()
    {
        _lab.SweepGate = new TaskCompletionSource();
        Render<SweepPanel>();
        var first = SweepAsync();
        Host.WaitForAssertion(() => Assert.Equal("50", ByTestId("sweep-progress").GetAttribute("aria-valuenow")));
        _lab.SweepGate.SetResult();
        await first;

        _lab.SweepGate = new TaskCompletionSource();
        _lab.SweepReportsProgress = false;
        var second = SweepAsync();

        Assert.Equal("0", ByTestId("sweep-progress").GetAttribute("aria-valuenow"));
        _lab.SweepGate.SetResult();
        await second;
    }
}
