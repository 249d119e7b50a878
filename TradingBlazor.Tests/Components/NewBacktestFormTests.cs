using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using TradingBlazor.Components.Backtests;
using TradingBlazor.Domain.Execution;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Engine.Backtesting;
using TradingBlazor.Services;
using TradingBlazor.Tests.Components.Fakes;

namespace TradingBlazor.Tests.Components;

public sealed class NewBacktestFormTests : ComponentTestBase
{
    private readonly FakeBacktestLab _lab = TestConfigs.Lab();
    private readonly List<long> _finished = new();

    public NewBacktestFormTests() => Ctx.Services.AddSingleton<IBacktestLab>(_lab);

    private IRenderedComponent<NewBacktestForm> RenderForm() => Render<NewBacktestForm>(p => p.Add(x => x.Finished, id => _finished.Add(id)));

    private string Config => ByTestId("bt-config").GetAttribute("value") ?? ByTestId("bt-config").TextContent;

    private Task SetConfigAsync(string json) => ByTestId("bt-config").ChangeAsync(new ChangeEventArgs { Value = json });

    private Task SetSymbolsAsync(string symbols) => ByTestId("bt-symbols").ChangeAsync(new ChangeEventArgs { Value = symbols });

    private Task SetNumberAsync(string label, string value) =>
        Host.FindComponents<MudNumericField<decimal>>().Single(f => f.Instance.Label == label).Find("input").ChangeAsync(new ChangeEventArgs { Value = value });

    private Task SetDateAsync(string label, DateTime date)
    {
        var picker = Host.FindComponents<MudDatePicker>().Single(f => f.Instance.Label == label);
        return Host.InvokeAsync(() => picker.Instance.GoToDate(date, true));
    }

    private Task RunAsync() => ByTestId("bt-run").ClickAsync(new());

    private IReadOnlyList<string> Errors() => ByTestId("bt-errors").QuerySelectorAll("li").Select(li => li.TextContent.Trim()).ToList();

    [Fact]
    public void Starts_from_the_sma_cross_sample_on_SPY()
    {
        RenderForm();

        Assert.Equal(TestConfigs.SmaCross, Config);
        Assert.Equal("SPY", ByTestId("bt-symbols").GetAttribute("value"));
        Assert.False(HasTestId("bt-errors"));
        Assert.False(HasTestId("bt-progress"));
        Assert.True(_lab.HasSubscribers);
    }

    [Fact]
    public async Task Choosing_a_sample_loads_its_config()
    {
        RenderForm();

        await SelectAsync<string>("Start from a sample", "bollinger_breakout");

        Assert.Equal(TestConfigs.Bollinger, Config);
    }

    [Fact]
    public async Task Invalid_json_shows_the_config_field_error_and_starts_nothing()
    {
        RenderForm();

        await SetConfigAsync("""{ "name": "x", "capital": "lots" }""");
        await RunAsync();

        Assert.Empty(_lab.Started);
        var error = Assert.Single(Errors());
        Assert.StartsWith("config.capital ", error);
        Assert.Equal("config.capital", ByTestId("bt-errors").QuerySelector("code")!.TextContent);
        Assert.Equal("true", ByTestId("bt-config").GetAttribute("aria-invalid"));
        Assert.False(HasTestId("bt-progress"));
    }

    [Fact]
    public async Task A_broken_document_names_the_whole_config()
    {
        RenderForm();

        await SetConfigAsync("{ not json");
        await RunAsync();

        Assert.Empty(_lab.Started);
        Assert.StartsWith("config", Assert.Single(Errors()));
    }

    [Fact]
    public async Task A_valid_config_starts_a_run_with_the_form_fields()
    {
        RenderForm();

        await SetSymbolsAsync(" spy, QQQ ,,aapl ");
        await SetDateAsync("From", new DateTime(2024, 3, 1));
        await SetDateAsync("To", new DateTime(2024, 9, 30));
        await SelectAsync("Data", BacktestSource.Store);
        await SetNumberAsync("Commission / order", "1.5");
        await SetNumberAsync("Commission / share", "0.005");
        await SetNumberAsync("Slippage (bps)", "2");
        await SelectAsync("Fill", FillTiming.SameClose);
        await SelectAsync("At end of data", EndOfData.Liquidate);
        await RunAsync();

        var request = Assert.Single(_lab.Started);
        Assert.Equal("SMA 10/30 crossover", request.Config.Name);
        Assert.Equal(new[] { "SPX" }, request.Config.Symbols);
        Assert.Equal(new[] { "SPY", "QQQ", "AAPL" }, request.Symbols);
        Assert.Equal(new[] { "SPY", "QQQ", "AAPL" }, request.EffectiveSymbols);
        Assert.Equal(new DateOnly(2024, 3, 1), request.From);
        Assert.Equal(new DateOnly(2024, 9, 30), request.To);
        Assert.Equal(BacktestSource.Store, request.Source);
        Assert.Equal(1.5m, request.CommissionPerOrder);
        Assert.Equal(0.005m, request.CommissionPerShare);
        Assert.Equal(2m, request.SlippageBps);
        Assert.Equal(FillTiming.SameClose, request.FillTiming);
        Assert.Equal(EndOfData.Liquidate, request.EndOfData);
    }

    [Fact]
    public async Task The_defaults_are_sent_as_they_are_shown()
    {
        RenderForm();

        await RunAsync();

        var request = Assert.Single(_lab.Started);
        Assert.Equal(new[] { "SPY" }, request.Symbols);
        Assert.Equal(new DateOnly(2025, 1, 2), request.From);
        Assert.Equal(new DateOnly(2025, 10, 31), request.To);
        Assert.Equal(BacktestSource.Simulated, request.Source);
        Assert.Equal(0m, request.CommissionPerOrder);
        Assert.Equal(FillTiming.NextOpen, request.FillTiming);
        Assert.Equal(EndOfData.MarkToMarket, request.EndOfData);
    }

    private string SymbolsError() =>
        Host.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == "Symbols").Find(".mud-input-helper-text").TextContent.Trim();

    private string RunsOn() => ByTestId("bt-runs-on").TextContent.Trim();

    [Fact]
    public async Task Without_symbols_nothing_runs_and_the_field_says_why()
    {
        RenderForm();

        await SetSymbolsAsync("  ");
        await RunAsync();

        Assert.Empty(_lab.Started);
        Assert.Equal("Give at least one symbol to run on.", SymbolsError());
        Assert.False(HasTestId("bt-runs-on"));
    }

    [Fact]
    public void The_sma_cross_sample_says_it_runs_on_SPY_instead_of_SPX()
    {
        RenderForm();

        Assert.Equal("Runs on SPY instead of the config's SPX: the simulated market does not quote them.", RunsOn());
        Assert.Contains("tb-runs-on-override", ByTestId("bt-runs-on").ClassName);
    }

    [Fact]
    public async Task A_sample_chosen_after_typing_symbols_runs_on_its_own_and_says_so()
    {
        RenderForm();
        await SetSymbolsAsync("AAPL");
        Assert.Equal("Runs on AAPL instead of the config's SPX.", RunsOn());

        await SelectAsync<string>("Start from a sample", "bollinger_breakout");

        Assert.Equal("NVDA", ByTestId("bt-symbols").GetAttribute("value"));
        Assert.Equal("Runs on NVDA, the config's symbols.", RunsOn());
        await RunAsync();
        Assert.Null(Assert.Single(_lab.Started).Symbols); // nothing overridden: the stored config says what ran
    }

    [Fact]
    public async Task The_field_follows_the_configs_symbols_until_it_is_typed_in()
    {
        RenderForm();
        await SelectAsync<string>("Start from a sample", "bollinger_breakout");

        await SetConfigAsync(TestConfigs.Bollinger.Replace("\"NVDA\"", "\"MSFT\", \"TSLA\"", StringComparison.Ordinal));

        Assert.Equal("MSFT, TSLA", ByTestId("bt-symbols").GetAttribute("value"));
        await SetSymbolsAsync("MSFT");
        await SetConfigAsync(TestConfigs.Bollinger);
        Assert.Equal("MSFT", ByTestId("bt-symbols").GetAttribute("value"));
        Assert.Equal("Runs on MSFT instead of the config's NVDA.", RunsOn());
        await RunAsync();
        Assert.Equal(new[] { "MSFT" }, Assert.Single(_lab.Started).Symbols);
    }

    [Fact]
    public async Task A_symbol_the_data_source_lacks_is_refused_inline()
    {
        RenderForm();

        await SetSymbolsAsync("SPY, ZZZQ");
        await RunAsync();

        Assert.Empty(_lab.Started);
        Assert.Equal("The simulated market does not quote ZZZQ; it quotes SPY, AAPL, MSFT, NVDA, TSLA.", SymbolsError());
        Assert.Equal("true", ByTestId("bt-symbols").GetAttribute("aria-invalid"));

        await SelectAsync("Data", BacktestSource.Store);
        Assert.Equal("No 1d bars of ZZZQ are stored; stored 1d: SPX, SPY, QQQ, AAPL.", SymbolsError());
    }

    [Fact]
    public async Task Stored_data_runs_the_sample_on_its_own_symbol_when_the_store_has_it()
    {
        RenderForm();

        await SelectAsync("Data", BacktestSource.Store);

        Assert.Equal("SPX", ByTestId("bt-symbols").GetAttribute("value"));
        Assert.Equal("Runs on SPX, the config's symbols.", RunsOn());
    }

    [Fact]
    public async Task Problems_the_lab_finds_are_listed_by_field()
    {
        _lab.StartErrors.Add(new ConfigError("config.risk.stop_loss", "must be between 0 and 1."));
        _lab.StartErrors.Add(new ConfigError("to", "must not be in the future."));
        RenderForm();

        await RunAsync();

        Assert.Single(_lab.Started);
        Assert.Equal(new[] { "config.risk.stop_loss must be between 0 and 1.", "to must not be in the future." }, Errors());
        Assert.False(HasTestId("bt-progress"));
        Assert.False(ByTestId("bt-run").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_started_run_shows_its_progress_and_can_be_canceled()
    {
        RenderForm();
        await RunAsync();
        Assert.True(ByTestId("bt-run").HasAttribute("disabled"));
        Assert.Contains("0%", ByTestId("new-backtest").TextContent);

        _lab.Raise(new BacktestProgress(42, BacktestStatus.Running, 0.25, null));

        Host.WaitForAssertion(() => Assert.Contains("25%", ByTestId("new-backtest").TextContent));
        Assert.Equal("25", ByTestId("bt-progress").GetAttribute("aria-valuenow"));
        await ByTestId("bt-cancel").ClickAsync(new());
        Assert.Equal(new long[] { 42 }, _lab.Canceled);
        Assert.Empty(_finished);
    }

    [Fact]
    public async Task Progress_of_other_runs_is_ignored()
    {
        RenderForm();
        await RunAsync();

        _lab.Raise(new BacktestProgress(7, BacktestStatus.Completed, 1, null));
        _lab.Raise(new BacktestProgress(42, BacktestStatus.Running, 0.5, null));

        Host.WaitForAssertion(() => Assert.Contains("50%", ByTestId("new-backtest").TextContent));
        Assert.Empty(_finished);
        Assert.True(HasTestId("bt-progress"));
    }

    [Fact]
    public async Task A_finished_run_raises_Finished_and_frees_the_form()
    {
        RenderForm();
        await RunAsync();

        _lab.Raise(new BacktestProgress(42, BacktestStatus.Completed, 1, null));

        Host.WaitForAssertion(() => Assert.Equal(new long[] { 42 }, _finished));
        Host.WaitForAssertion(() => Assert.False(HasTestId("bt-progress")));
        Assert.False(ByTestId("bt-run").HasAttribute("disabled"));
        Assert.False(HasTestId("bt-errors"));
    }

    [Fact]
    public async Task A_failed_run_shows_its_error_and_still_raises_Finished()
    {
        RenderForm();
        await RunAsync();

        _lab.Raise(new BacktestProgress(42, BacktestStatus.Failed, 0.4, "No bars for SPY in the range."));

        Host.WaitForAssertion(() => Assert.Equal(new[] { "run No bars for SPY in the range." }, Errors()));
        Assert.Equal(new long[] { 42 }, _finished);
        Assert.False(HasTestId("bt-progress"));
    }

    [Fact]
    public async Task Stops_listening_when_removed()
    {
        RenderForm();

        await Ctx.DisposeComponentsAsync();

        Assert.False(_lab.HasSubscribers);
    }

    [Fact]
    public async Task Another_sample_runs_on_its_own_symbols()
    {
        RenderForm();

        await SelectAsync<string>("Start from a sample", "bollinger_breakout");
        await RunAsync();

        Assert.Equal(new[] { "NVDA" }, Assert.Single(_lab.Started).EffectiveSymbols);
    }
}
