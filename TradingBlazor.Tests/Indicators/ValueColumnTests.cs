using TradingBlazor.Domain.Indicators.Framework;
using TradingBlazor.Domain.Indicators.Registry;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Indicators;

/// <summary>The batch over a value column (TA-Lib's input shape) is the row batch's kernel: the same outputs, bit for bit.</summary>
public class ValueColumnTests
{
    public static TheoryData<string> Specs => new()
    {
        "sma(20)", "sma(1)", "ema(20)", "ema(1)", "wma(20)", "wma(1)", "rsi(14)", "rsi(2)", "volume_sma(20)", "roc(10)", "roc(1)",
    };

    [Fact]
    public void Every_one_value_indicator_has_a_column_batch_over_the_series_it_reads()
    {
        var sources = IndicatorCatalog.Default.All.Where(d => d.ValueColumn is not null)
            .ToDictionary(d => d.Id, d => d.ValueColumn!.Source);
        Assert.Equal(new Dictionary<string, ValueSource>
        {
            ["sma"] = ValueSource.Close, ["ema"] = ValueSource.Close, ["wma"] = ValueSource.Close, ["rsi"] = ValueSource.Close,
            ["volume_sma"] = ValueSource.Volume, ["roc"] = ValueSource.Close,
        }, sources);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void The_column_batch_equals_the_row_batch_bit_for_bit(string specText)
    {
        var spec = IndicatorSpec.Parse(specText, IndicatorCatalog.Default);
        var column = spec.Definition.ValueColumn!;
        var flat = Enumerable.Repeat(new Ohlcv(0, 5, 5, 5, 5, 0), 200).ToArray(); // a flat series: RSI's zero gain and loss
        foreach (var bars in new[] { SpxFixture.Bars, SpxFixture.RandomWalk(3000, 7), flat })
        {
            var rows = new double[bars.Length];
            spec.Definition.Compute(spec.Parameters, bars, rows);
            var fromColumn = new double[bars.Length];
            column.Compute(spec.Parameters, ValueSources.Column(bars, column.Source), fromColumn);
            Assert.Equal(rows.Select(BitConverter.DoubleToInt64Bits), fromColumn.Select(BitConverter.DoubleToInt64Bits));
            Assert.Contains(rows, v => !double.IsNaN(v));
        }
    }

    [Fact]
    public void A_column_batch_into_a_short_output_names_the_output()
    {
        var column = IndicatorCatalog.Default.Find("sma")!.ValueColumn!;
        var error = Assert.Throws<ArgumentException>(() => column.Compute(new[] { 20.0 }, new double[100], new double[99]));
        Assert.Equal("output", error.ParamName);
    }
}
