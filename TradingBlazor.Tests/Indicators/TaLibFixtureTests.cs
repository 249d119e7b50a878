using System.Globalization;
using TradingBlazor.Domain.Indicators.Framework;
using TradingBlazor.Domain.Indicators.Registry;
using TradingBlazor.Tests.Support;
using Xunit.Abstractions;

namespace TradingBlazor.Tests.Indicators;

/// <summary>Per-bar equality with TA-Lib (and R TTR for VWMA) on real S&amp;P 500 data, warm-up rows empty, batch and streaming.</summary>
public class TaLibFixtureTests
{
    private readonly ITestOutputHelper _output;

    public TaLibFixtureTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string, string, string, string> Cases => new()
    {
        // spec, reference file, reference column, our output
        { "sma(20)", "sma_20.csv", "sma", "value" },
        { "ema(20)", "ema_20.csv", "ema", "value" },
        { "rsi(14)", "rsi_14.csv", "rsi", "value" },
        { "macd(12,26,9)", "macd_12_26_9.csv", "macd", "macd" },
        { "macd(12,26,9)", "macd_12_26_9.csv", "signal", "signal" },
        { "macd(12,26,9)", "macd_12_26_9.csv", "hist", "hist" },
        { "stoch(14,3,3)", "stoch_14_3_3.csv", "k", "k" },
        { "stoch(14,3,3)", "stoch_14_3_3.csv", "d", "d" },
        { "bbands(20,2)", "bbands_20_2.csv", "upper", "upper" },
        { "bbands(20,2)", "bbands_20_2.csv", "middle", "middle" },
        { "bbands(20,2)", "bbands_20_2.csv", "lower", "lower" },
        { "atr(14)", "atr_14.csv", "atr", "value" },
        { "obv", "obv.csv", "obv", "value" },
        { "volume_sma(20)", "volume_sma_20.csv", "volume_sma", "value" },
        { "vwma(20)", "vwma_20.csv", "vwma", "value" },
        { "wma(20)", "wma_20.csv", "wma", "value" },
        { "adx(14)", "adx_14.csv", "adx", "adx" },
        { "adx(14)", "adx_14.csv", "plus_di", "plus_di" },
        { "adx(14)", "adx_14.csv", "minus_di", "minus_di" },
        { "cci(20)", "cci_20.csv", "cci", "value" },
        { "roc(10)", "roc_10.csv", "roc", "value" },
        { "willr(14)", "willr_14.csv", "willr", "value" },
        { "mfi(14)", "mfi_14.csv", "mfi", "value" },
        { "sar(0.02,0.2)", "sar_0.02_0.2.csv", "sar", "value" },
        { "donchian(20)", "donchian_20.csv", "upper", "upper" },
        { "donchian(20)", "donchian_20.csv", "middle", "middle" },
        { "donchian(20)", "donchian_20.csv", "lower", "lower" },
    };

    /// <summary>Every form (batch over the bars, over a value column where there is one, and streaming bar by bar) against the reference; each output from its own first index.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_the_reference_per_bar(string specText, string file, string referenceColumn, string output)
    {
        var spec = IndicatorSpec.Parse(specText, IndicatorCatalog.Default);
        var reference = SpxFixture.ReadReference(file)[referenceColumn];
        int index = spec.Definition.Outputs.ToList().IndexOf(output);
        Assert.Equal(Array.FindIndex(reference, v => !double.IsNaN(v)), spec.OutputLookbacks[index]);

        var batch = spec.ComputeColumns(SpxFixture.Bars)[index];
        var streaming = Streamed(spec, SpxFixture.Bars, index);
        var (worst, worstAt) = AssertMatches(reference, batch, "batch");
        AssertMatches(reference, streaming, "streaming");
        if (spec.Definition.ValueColumn is { } column)
        {
            var fromColumn = new double[SpxFixture.Bars.Length];
            column.Compute(spec.Parameters, ValueSources.Column(SpxFixture.Bars, column.Source), fromColumn);
            AssertMatches(reference, fromColumn, "column batch");
        }
        var line = string.Create(CultureInfo.InvariantCulture, $"| {spec} | {file} | {referenceColumn} | {worst:E2} | {worstAt} |");
        _output.WriteLine(line);
        File.AppendAllText(Path.Combine(TestPaths.Artifacts("indicators"), "fixture-deviation.md"), line + Environment.NewLine);
    }

    private static double[] Streamed(IndicatorSpec spec, Ohlcv[] bars, int output)
    {
        var indicator = spec.CreateStreaming();
        var values = new double[spec.Definition.Outputs.Count];
        var column = new double[bars.Length];
        for (int i = 0; i < bars.Length; i++)
        {
            indicator.Add(bars[i], values);
            column[i] = values[output];
        }
        return column;
    }

    /// <summary>The fixtures' rule: warm-up cells empty on both sides, else |a−b| ≤ 1e-9 × max(|a|, |b|, mean |reference|).</summary>
    private static (double Worst, int WorstAt) AssertMatches(double[] reference, double[] ours, string form)
    {
        Assert.Equal(reference.Length, ours.Length);
        double meanAbs = reference.Where(v => !double.IsNaN(v)).Average(Math.Abs);
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < reference.Length; i++)
        {
            Assert.True(double.IsNaN(reference[i]) == double.IsNaN(ours[i]), $"{form} bar {i}: reference {reference[i]}, ours {ours[i]} (warm-up mismatch)");
            if (double.IsNaN(reference[i])) continue;
            double scale = Math.Max(Math.Max(Math.Abs(reference[i]), Math.Abs(ours[i])), meanAbs);
            double relative = Math.Abs(reference[i] - ours[i]) / scale;
            if (relative > worst) { worst = relative; worstAt = i; }
            Assert.True(relative <= 1e-9, $"{form} bar {i}: reference {reference[i]:R}, ours {ours[i]:R}, relative deviation {relative:E2}");
        }
        return (worst, worstAt);
    }
}
