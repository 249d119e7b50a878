using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Engine.Backtesting;
using TradingBlazor.Services;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Integration;

/// <summary>The Lab over the real app: runs it refuses before queueing, and what an opened run says about its signals.</summary>
public class BacktestLabActivityTests
{
    private static BotConfig Sample(string rule) => BotConfig.Parse(
        File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "samples", "strategies", "rsi_mean_reversion.json"))
            .Replace("\"macd > signal\"", $"\"{rule}\"", StringComparison.Ordinal));

    [Fact]
    public async Task A_symbol_the_simulated_market_does_not_quote_is_refused_on_the_symbols_field()
    {
        await using var app = await TestApp.StartAsync();
        var lab = app.Services.GetRequiredService<IBacktestLab>();

        var (id, errors) = await lab.StartAsync(new BacktestRequest
        {
            Config = Sample("macd > signal"), Symbols = new() { "SPY", "ZZZQ" }, From = new(2025, 1, 2), To = new(2025, 1, 31),
        });

        Assert.Null(id);
        var error = Assert.Single(errors);
        Assert.Equal("symbols", error.Field);
        Assert.StartsWith("The simulated market does not quote ZZZQ; it quotes SPY", error.Message);
        Assert.Equal(0, (await lab.ListRunsAsync(0, 10)).Total);
    }

    [Fact]
    public async Task A_run_without_entry_signals_opens_with_the_condition_that_never_held()
    {
        await using var app = await TestApp.StartAsync();
        var lab = app.Services.GetRequiredService<IBacktestLab>();
        var finished = new TaskCompletionSource<BacktestProgress>(TaskCreationOptions.RunContinuationsAsynchronously);
        lab.Changed += p => { if (!p.Status.IsActive()) finished.TrySetResult(p); };

        var (id, errors) = await lab.StartAsync(new BacktestRequest { Config = Sample("rsi_14 > 101"), From = new(2025, 1, 2), To = new(2025, 2, 28) });
        Assert.Empty(errors);
        var end = await finished.Task.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal((id, BacktestStatus.Completed), (end.Id, end.Status));

        var detail = (await lab.OpenRunAsync(id!.Value))!;

        Assert.Equal(0, detail.Activity!.EntrySignals.Generated);
        Assert.Equal(new[] { 1, 2 }, detail.Activity.Months.Select(m => m.Start.Month));
        var probe = detail.Probe!;
        Assert.True(probe.Bars > 1_000, $"{probe.Bars} bars");
        Assert.Equal(new[] { "rsi_14 crosses_above 30", "close < sma_50", "rsi_14 > 101" }, probe.Conditions.Select(c => c.Condition));
        Assert.Equal(0, probe.Conditions[^1].BarsTrue);
        Assert.True(probe.Conditions[1].BarsTrue > 0);
    }
}
