using TradingBlazor.Adapters.Simulated;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Infrastructure.Configuration;

namespace TradingBlazor.Tests.MarketData;

public class SimulatedLevelsTests
{
    private static readonly NyseCalendar Calendar = new();

    public static TheoryData<string, int> DefaultsAndSeeds()
    {
        var data = new TheoryData<string, int>();
        foreach (var seed in new[] { 42, 7 })
            foreach (var symbol in SimulationSettings.DefaultSymbols) data.Add(symbol, seed);
        return data;
    }

    private static decimal Close(SimulatedPriceModel model, string symbol, DateOnly date) =>
        model.MinuteBars(symbol, date)[^1].Close;

    [Fact]
    public void Every_default_symbol_has_a_reference_level()
    {
        foreach (var symbol in SimulationSettings.DefaultSymbols)
            Assert.NotNull(SimulatedLevels.Find(symbol));
        Assert.InRange(SimulatedLevels.Find("spx")!.Level, 6_000m, 7_500m); // the index, not the fund
        Assert.NotNull(Calendar.GetSession(SimulatedLevels.AnchorDate));
    }

    [Theory]
    [MemberData(nameof(DefaultsAndSeeds))]
    public void Default_symbols_trade_near_their_reference_level_around_the_anchor(string symbol, int seed)
    {
        var model = new SimulatedPriceModel(Calendar, seed);
        decimal level = SimulatedLevels.Find(symbol)!.Level;
        Assert.Equal(level, Close(model, symbol, SimulatedLevels.AnchorDate));
        var anchor = SimulatedLevels.AnchorDate;
        var around = Calendar.SessionsBetween(anchor.AddDays(-14), anchor.AddDays(14)).ToList();
        Assert.True(around.Count >= 15);
        foreach (var session in around)
            foreach (var bar in model.MinuteBars(symbol, session.Date))
                Assert.InRange(bar.Close, level * 0.65m, level * 1.35m);
    }

    [Theory]
    [InlineData(42)]
    [InlineData(7)]
    public void Spy_stays_at_realistic_levels_through_2025_and_2026(int seed)
    {
        var model = new SimulatedPriceModel(Calendar, seed);
        foreach (var session in Calendar.SessionsBetween(new DateOnly(2025, 1, 1), new DateOnly(2026, 12, 31)))
            Assert.InRange(Close(model, "SPY", session.Date), 400m, 900m);
    }

    [Theory]
    [InlineData(42)]
    [InlineData(7)]
    public void The_chain_reaches_back_to_2000_at_plausible_levels(int seed)
    {
        var model = new SimulatedPriceModel(Calendar, seed);
        var first = model.MinuteBars("SPY", new DateOnly(2000, 1, 3));
        Assert.Equal(390, first.Count);
        // Below today's level (growth), but not pennies.
        Assert.All(first, b => Assert.InRange(b.Low, 20m, 683m));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.MinuteBars("SPY", new DateOnly(1999, 12, 31)));
    }

    [Theory]
    [InlineData("ZZZ")]
    [InlineData("X")]
    [InlineData("ACME")]
    [InlineData("BRK.B")]
    public void Unknown_symbols_get_a_deterministic_seeded_level_in_a_realistic_range(string symbol)
    {
        Assert.Null(SimulatedLevels.Find(symbol));
        var levels = new List<decimal>();
        foreach (var seed in new[] { 42, 7, 1 })
        {
            decimal level = Close(new SimulatedPriceModel(Calendar, seed), symbol, SimulatedLevels.AnchorDate);
            Assert.InRange(level, 20m, 300m);
            Assert.Equal(level, Close(new SimulatedPriceModel(Calendar, seed), symbol, SimulatedLevels.AnchorDate));
            levels.Add(level);
        }
        Assert.Equal(3, levels.Distinct().Count()); // the level comes from the seed
    }

    [Fact]
    public void Levels_are_deterministic_whatever_was_requested_first_and_ignore_case()
    {
        var date = new DateOnly(2026, 11, 25);
        var a = new SimulatedPriceModel(Calendar, 42);
        var b = new SimulatedPriceModel(Calendar, 42);
        var late = a.MinuteBars("NVDA", date);
        b.MinuteBars("NVDA", new DateOnly(2001, 6, 1));
        b.MinuteBars("tsla", date);
        Assert.Equal(late, b.MinuteBars("nvda", date));
        Assert.Equal(late, new SimulatedPriceModel(Calendar, 42).MinuteBars("NVDA", date));
        Assert.NotEqual(late, new SimulatedPriceModel(Calendar, 7).MinuteBars("NVDA", date));
        Assert.All(late, bar =>
        {
            Assert.Null(BarValidation.Check(bar));
            Assert.Equal(bar.Close, Math.Round(bar.Close, 2));
        });
    }
}
