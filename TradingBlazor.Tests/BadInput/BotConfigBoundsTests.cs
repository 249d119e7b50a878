using TradingBlazor.Domain.Strategies.Config;

namespace TradingBlazor.Tests.BadInput;

/// <summary>What a stored bot document may hold is bounded, and every number in it is one the store can write back.</summary>
public class BotConfigBoundsTests
{
    private static IReadOnlyList<string> Fields(string json) => BotConfigValidator.Validate(BotConfig.Parse(json)).Select(e => e.Field).ToList();

    [Fact]
    public void A_parameter_that_is_not_a_finite_number_is_named()
    {
        const string json = """{ "name": "p", "symbols": ["SPY"], "timeframe": "1d", "entry": { "rule": "close > 1" }, "parameters": { "x": "NaN", "y": 2 } }""";
        Assert.Equal(new[] { "parameters.x" }, Fields(json));
    }

    [Fact]
    public void More_than_the_symbol_limit_is_refused()
    {
        var symbols = string.Join(",", Enumerable.Range(0, BotConfigValidator.MaxSymbols + 1).Select(i => $"\"S{i}\""));
        Assert.Equal(new[] { "symbols" }, Fields($$"""{ "name": "s", "symbols": [{{symbols}}], "timeframe": "1d", "entry": { "rule": "close > 1" } }"""));
    }

    [Fact]
    public void A_document_over_64_KB_is_refused_before_parsing()
    {
        var json = $$"""{ "name": "{{new string('x', BotConfig.MaxDocumentLength)}}" }""";
        var ex = Assert.Throws<BotConfigException>(() => BotConfig.Parse(json));
        Assert.Equal("$", ex.Field);
        Assert.Contains("at most 65,536", ex.Problem);
    }
}
