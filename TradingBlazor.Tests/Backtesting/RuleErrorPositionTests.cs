using TradingBlazor.Domain.Indicators.Registry;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Strategies.Rules;

namespace TradingBlazor.Tests.Backtesting;

/// <summary>A rule expression's error says where in the text it is, so the editor can mark the spot.</summary>
public sealed class RuleErrorPositionTests
{
    private static readonly RuleVariables Variables = new(new[] { IndicatorSpec.Parse("rsi(14)", IndicatorCatalog.Default) });

    [Theory]
    [InlineData("rsi_99 > 30", 0)]              // unknown variable: its first character
    [InlineData("rsi_14 > 30 and close ? 1", 22)] // unexpected character
    [InlineData("rsi_14 above 30", 7)]          // not a comparison: the word found instead
    [InlineData("rsi_14 >", 8)]                 // a value missing at the end: the end
    [InlineData("(close + 1 > 2", 11)]          // ')' expected where the comparison starts
    [InlineData("close > 1 2", 10)]             // a token left over
    public void Each_parse_error_names_its_character(string rule, int position)
    {
        var ex = Assert.Throws<RuleParseException>(() => RuleParser.Parse(rule, Variables, "entry.rule"));
        Assert.Equal(position, ex.Position);
    }

    [Fact]
    public void The_validator_keeps_the_position_beside_the_api_message()
    {
        var config = new BotConfig
        {
            Name = "x", Symbols = new() { "SPY" }, Indicators = new() { "rsi(14)" },
            Entry = new SignalRule { Rule = System.Text.Json.JsonSerializer.SerializeToElement("rsi_14 < 30 and volume >> 5") },
        };

        var error = Assert.Single(BotConfigValidator.Validate(config));

        Assert.Equal(("entry.rule", 24), (error.Field, error.Position)); // the second '>'
        // The message is the API's, unchanged; the position rides beside it.
        Assert.StartsWith("unknown variable '>' in \"rsi_14 < 30 and volume >> 5\"", error.Message);
    }
}
