using System.Globalization;
using System.Text.Json;
using TradingBlazor.Adapters.Csv;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Time;
using TradingBlazor.Engine.Backtesting;
using TradingBlazor.Tests.Support;
using Xunit.Abstractions;

namespace TradingBlazor.Tests.Backtesting;

/// <summary>
/// samples/strategies/sma_cross.json on the S&amp;P 500 fixture must reproduce the independent reference backtest:
/// final equity, every trade and the max drawdown, for fractional and whole shares, to 1e-6 relative.
/// </summary>
public class ReferenceBacktestTests
{
    private readonly ITestOutputHelper _output;

    public ReferenceBacktestTests(ITestOutputHelper output) => _output = output;

    public static BotConfig SmaCross => BotConfig.Parse(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "samples", "strategies", "sma_cross.json")));

    public static IReadOnlyDictionary<string, IReadOnlyList<Bar>> SpxBars() =>
        new Dictionary<string, IReadOnlyList<Bar>> { ["SPX"] = BarCsvReader.ReadFile(SpxFixture.BarsPath, "SPX").Bars };

    [Theory]
    [InlineData("fractional", true)]
    [InlineData("integer", false)]
    public void Sma_cross_matches_the_reference(string mode, bool fractional)
    {
        var bot = BotConfigValidator.CompileOrThrow(SmaCross);
        var result = new Backtester(bot, new BacktestOptions { Capital = 10_000m, FractionalShares = fractional }).Run(SpxBars());
        _output.WriteLine(AssertMatchesReference(result, mode));
    }

    /// <summary>Every trade, the final equity, the drawdown and the open position against the reference; returns a summary line.</summary>
    public static string AssertMatchesReference(BacktestResult result, string mode)
    {

        var lines = File.ReadAllLines(Path.Combine(SpxFixture.Directory, $"backtest_sma_10_30_trades_{mode}.csv")).Skip(1).ToList();
        Assert.Equal(lines.Count, result.Trades.Count);
        for (int i = 0; i < lines.Count; i++)
        {
            var c = lines[i].Split(',');
            var t = result.Trades[i];
            Assert.Equal(c[0], Date(t.EntrySignal!.TimeUtc));
            Assert.Equal(c[1], Date(t.EntryTimeUtc));
            Assert.Equal(c[5], Date(t.ExitTimeUtc));
            AssertClose(D(c[2]), (double)t.EntryPrice, $"trade {i} entry");
            AssertClose(D(c[3]), (double)t.Quantity, $"trade {i} shares");
            AssertClose(D(c[6]), (double)t.ExitPrice, $"trade {i} exit");
            AssertClose(D(c[7]), (double)t.Pnl, $"trade {i} pnl", scale: 10_000);
            Assert.Equal(int.Parse(c[9], CultureInfo.InvariantCulture), t.BarsHeld);
        }
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(SpxFixture.Directory, "backtest_sma_10_30_summary.json")));
        var expected = summary.RootElement.GetProperty(mode);
        AssertClose(expected.GetProperty("final_equity").GetDouble(), (double)result.FinalEquity, "final equity");
        AssertClose(expected.GetProperty("max_drawdown_pct").GetDouble(), result.Metrics.MaxDrawdownPct, "max drawdown %");
        AssertClose(expected.GetProperty("max_drawdown_abs").GetDouble(), (double)result.Metrics.MaxDrawdownAbs, "max drawdown");
        AssertClose(expected.GetProperty("total_return_pct").GetDouble(), result.Metrics.TotalReturnPct, "total return");
        Assert.Equal(expected.GetProperty("closed_trades").GetInt32(), result.Trades.Count);
        Assert.Equal(expected.GetProperty("winning_closed_trades").GetInt32(), result.Trades.Count(t => t.Pnl > 0));

        var open = Assert.Single(result.OpenPositions);
        var expectedOpen = expected.GetProperty("open_position_at_end");
        Assert.Equal(expectedOpen.GetProperty("entry_time").GetString(), Date(open.EntryTimeUtc));
        AssertClose(expectedOpen.GetProperty("shares").GetDouble(), (double)open.Quantity, "open shares");

        return string.Create(CultureInfo.InvariantCulture,
            $"{mode}: final {result.FinalEquity:F6} vs {expected.GetProperty("final_equity").GetDouble():F6}; max DD {result.Metrics.MaxDrawdownPct:F9}% vs {expected.GetProperty("max_drawdown_pct").GetDouble():F9}%; {result.Trades.Count} trades");
    }

    private static string Date(DateTime utc) => MarketTime.EasternDate(utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static void AssertClose(double expected, double actual, string what, double scale = 0)
    {
        double tolerance = 1e-6 * Math.Max(Math.Max(Math.Abs(expected), Math.Abs(actual)), scale);
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected:R}, got {actual:R}");
    }
}
