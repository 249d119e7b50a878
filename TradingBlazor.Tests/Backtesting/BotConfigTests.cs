using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Strategies.Rules;
using TradingBlazor.Domain.Indicators.Registry;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Backtesting;

public class BotConfigTests
{
    public static TheoryData<string> Samples => new(Directory.GetFiles(Path.Combine(TestPaths.RepositoryRoot, "samples", "strategies"), "*.json").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_sample_strategy_is_valid_and_round_trips(string file)
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "samples", "strategies", file));
        // Sweep templates are valid once their ${placeholders} are filled.
        if (file.EndsWith("_template.json"))
            text = TradingBlazor.Engine.Backtesting.ParameterSweep.Substitute(text, new Dictionary<string, double> { ["fast"] = 10, ["slow"] = 30 });
        var config = BotConfig.Parse(text);
        Assert.Empty(BotConfigValidator.Validate(config));
        var again = BotConfig.Parse(config.ToJson());
        Assert.Equal(config.ToJson(), again.ToJson());
    }

    [Fact]
    public void The_design_example_is_expressible_directly()
    {
        var config = BotConfig.Parse(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "samples", "strategies", "rsi_mean_reversion.json")));
        Assert.Equal(new[] { "rsi(14)", "macd(12,26,9)", "sma(50)" }, config.Indicators);
        Assert.Equal((0.02m, 0.05m, 0.1m, 0.1m), (config.Risk.StopLoss!.Value, config.Risk.TakeProfit!.Value, config.Risk.MaxPositionSize, config.Risk.MaxDailyLoss!.Value));
        Assert.Equal("09:30", config.TradingWindow.Start);
        Assert.Equal("12:00", config.TradingWindow.End);
    }

    [Fact]
    public void Every_problem_is_reported_with_its_field()
    {
        var json = """
        {
          "version": 1, "name": "", "symbols": ["SPY", "BAD SYMBOL"], "capital": -5, "timeframe": "2m",
          "trading_window": { "start": "12:00", "end": "09:30" },
          "indicators": ["rsi(0)", "nope(3)"],
          "entry": { "rule": "rsi_99 < 30", "confidence": 2 },
          "risk": { "stop_loss": 1.5, "max_open_positions": 0 },
          "execution": { "confidence_threshold": 7 }
        }
        """;
        var fields = BotConfigValidator.Validate(BotConfig.Parse(json)).Select(e => e.Field).ToList();
        Assert.Equal(new[] { "name", "symbols[1]", "capital", "timeframe", "trading_window.end", "indicators[0]", "indicators[1]", "entry.confidence", "entry.rule", "risk.stop_loss", "risk.max_open_positions", "execution.confidence_threshold" }, fields);
    }

    [Fact]
    public void Malformed_json_names_the_path()
    {
        var ex = Assert.Throws<BotConfigException>(() => BotConfig.Parse("""{ "capital": "lots" }"""));
        Assert.Equal(("capital", "must be a number within range."), (ex.Field, ex.Problem));
    }

    [Theory]
    [InlineData("rsi_14 < 30", new[] { 50.0, 25.0 }, new[] { false, true })]
    [InlineData("sma_10 crosses_above sma_30", new[] { 1.0, 2.0 }, new[] { false, true })]   // uses rows below
    [InlineData("volume > 1.5 * volume_sma_20 and not rsi_14 > 70", new[] { 0.0, 0.0 }, new[] { false, true })]
    [InlineData("atr_14 / close * 100 between 1 and 3", new[] { 0.0, 0.0 }, new[] { false, true })]
    public void Rules_evaluate_over_the_frame(string rule, double[] _, bool[] expected)
    {
        var specs = new[] { "rsi(14)", "sma(10)", "sma(30)", "volume_sma(20)", "atr(14)" }.Select(s => IndicatorSpec.Parse(s, IndicatorCatalog.Default)).ToList();
        var variables = new RuleVariables(specs);
        var node = RuleParser.Parse(rule, variables);
        double[] Frame(double close, double volume, double rsi, double sma10, double sma30, double volSma, double atr)
        {
            var f = new double[variables.Count];
            f[3] = close; f[4] = volume;
            variables.TryGetSlot("rsi_14", out int a); f[a] = rsi;
            variables.TryGetSlot("sma_10", out int b); f[b] = sma10;
            variables.TryGetSlot("sma_30", out int c); f[c] = sma30;
            variables.TryGetSlot("volume_sma_20", out int d); f[d] = volSma;
            variables.TryGetSlot("atr_14", out int e); f[e] = atr;
            return f;
        }
        var first = Frame(100, 100, 50, 9, 10, 100, 0.5);   // rsi 50, sma10 below, volume not 1.5x, ATR 0.5%
        var second = Frame(100, 200, 25, 11, 10, 100, 2.0); // rsi 25, sma10 crossed above, volume 2x, ATR 2%
        Assert.Equal(expected[0], node.Evaluate(first));
        Assert.Equal(expected[1], node.Evaluate(second));
    }

    [Fact]
    public void Short_names_resolve_only_when_unambiguous()
    {
        var variables = new RuleVariables(new[] { "macd(12,26,9)", "rsi(14)", "bbands(20,2)", "keltner(20,2,10)" }.Select(s => IndicatorSpec.Parse(s, IndicatorCatalog.Default)).ToList());
        Assert.True(variables.TryGetSlot("signal", out _));
        Assert.True(variables.TryGetSlot("rsi", out _));
        Assert.False(variables.TryGetSlot("upper", out _)); // bbands and keltner both have one
        Assert.True(variables.TryGetSlot("bbands_20_2_upper", out _));
        var ex = Assert.Throws<RuleParseException>(() => RuleParser.Parse("upper > close", variables, "entry.rule"));
        Assert.Contains("unknown variable 'upper'", ex.Message);
    }
}
