using TradingBlazor.Adapters.Simulated;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Backtesting;
using TradingBlazor.Infrastructure.Configuration;
using TradingBlazor.Tests.Support;
using Xunit.Abstractions;

namespace TradingBlazor.Tests.Backtesting;

/// <summary>Every sample strategy must trade on the default simulated market over a recent window.</summary>
public class SamplesTradeOnSimulatedDataTests(ITestOutputHelper output)
{
    private static readonly NyseCalendar Calendar = new();
    private static readonly DateOnly End = new(2026, 11, 27); // exclusive
    private static string SamplesDirectory => Path.Combine(TestPaths.RepositoryRoot, "samples", "strategies");

    // The sweep template is sma_cross.json with ${placeholders}: run it with the same periods.
    private static readonly Dictionary<string, double> TemplateDefaults = new() { ["fast"] = 10, ["slow"] = 30 };

    public static TheoryData<string> Samples =>
        new(Directory.GetFiles(SamplesDirectory, "*.json").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_trades_on_the_default_simulated_market(string file)
    {
        var text = File.ReadAllText(Path.Combine(SamplesDirectory, file));
        if (file.EndsWith("_template.json", StringComparison.Ordinal))
            text = ParameterSweep.Substitute(text, TemplateDefaults);
        var bot = BotConfigValidator.CompileOrThrow(BotConfig.Parse(text));

        // About three years of daily bars, or about three months of intraday ones.
        var from = bot.Timeframe.IsDaily ? End.AddYears(-3) : End.AddMonths(-3);
        var model = new SimulatedPriceModel(Calendar, new SimulationSettings().Seed);
        var sessions = Calendar.SessionsBetween(from, End.AddDays(-1)).ToList();
        var data = bot.Config.Symbols.ToDictionary(s => s, s => BarAggregator.Aggregate(
            sessions.SelectMany(d => model.MinuteBars(s, d.Date)).ToList(), bot.Timeframe));

        var result = new Backtester(bot).Run(data);

        int entries = result.Fills.Count(f => f.Side == OrderSide.Buy);
        output.WriteLine($"{file}: {result.Trades.Count} closed trades, {entries} entries, "
            + $"{sessions.Count} sessions of {string.Join(",", data.Keys)}");
        // What became of the signals, for a sample that stops trading.
        foreach (var g in result.Signals.GroupBy(s => s.Rejection?.Code.ToString() ?? "executed"))
            output.WriteLine($"  {g.Key}: {g.Count()}");
        Assert.True(result.Trades.Count > 0 || entries > 0, $"{file} never traded from {from:yyyy-MM-dd} to {End:yyyy-MM-dd}");
    }
}
