using TradingBlazor.Domain.Indicators.Registry;

namespace TradingBlazor.Tests.Indicators;

public class RegistryTests
{
    private readonly IndicatorCatalog _catalog = IndicatorCatalog.Default;

    [Fact]
    public void The_catalog_has_every_required_indicator_with_schema_and_outputs()
    {
        var required = new[] { "sma", "ema", "wma", "rsi", "macd", "stoch", "bbands", "atr", "obv", "volume_sma", "vwap", "vwma", "adx", "cci", "roc", "willr", "mfi", "sar", "keltner", "donchian", "supertrend" };
        Assert.All(required, id => Assert.NotNull(_catalog.Find(id)));
        foreach (var d in _catalog.All)
        {
            Assert.NotEmpty(d.Outputs);
            Assert.All(d.Parameters, p => Assert.True(p.Min <= p.Default && p.Default <= p.Max, $"{d.Id}.{p.Name} default out of range"));
        }
    }

    [Theory]
    [InlineData("rsi(14)", new[] { "rsi_14" })]
    [InlineData("obv", new[] { "obv" })]
    [InlineData("macd(12,26,9)", new[] { "macd_12_26_9_macd", "macd_12_26_9_signal", "macd_12_26_9_hist" })]
    [InlineData("bbands(20,2)", new[] { "bbands_20_2_upper", "bbands_20_2_middle", "bbands_20_2_lower", "bbands_20_2_percent_b", "bbands_20_2_bandwidth" })]
    [InlineData("stoch(14,3,3)", new[] { "stoch_14_3_3_k", "stoch_14_3_3_d" })]
    [InlineData("sar(0.02,0.2)", new[] { "sar_0.02_0.2" })]
    [InlineData(" RSI ( 7 ) ", new[] { "rsi_7" })]
    [InlineData("rsi", new[] { "rsi_14" })]
    public void Column_names_follow_the_id_params_output_scheme(string text, string[] columns) =>
        Assert.Equal(columns, IndicatorSpec.Parse(text, _catalog).ColumnNames);

    [Theory]
    [InlineData("rsi(0)", "period", "period must be between 2 and 1000")]
    [InlineData("sma(2.5)", "period", "period must be a whole number")]
    [InlineData("macd(26,12,9)", "macd", "fast (26) must be less than slow (12)")]
    [InlineData("foo(3)", "id", "Unknown indicator 'foo'")]
    [InlineData("rsi(14,3)", "rsi", "rsi takes 1 parameter(s)")]
    [InlineData("rsi(abc)", "parameters", "'abc' is not a number")]
    [InlineData("rsi(14", "id", "missing its closing parenthesis")]
    public void Bad_specs_get_an_error_naming_the_problem(string text, string field, string message)
    {
        var ex = Assert.Throws<IndicatorSpecException>(() => IndicatorSpec.Parse(text, _catalog));
        Assert.Equal(field, ex.Field);
        Assert.Contains(message, ex.Message);
    }
}
