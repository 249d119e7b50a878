using TradingBlazor.Domain.Indicators.Primitives;

namespace TradingBlazor.Tests.Indicators;

/// <summary>The branch-free helpers give the very bits of the comparisons they replace, edge values included.</summary>
public class TaMathTests
{
    private static readonly double[] Edges =
    {
        1.5, -1.5, 0.0, -0.0, double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue,
        double.PositiveInfinity, double.NegativeInfinity, double.NaN, -double.NaN,
    };

    [Fact]
    public void The_positive_part_is_bit_for_bit_the_comparison_it_replaces()
    {
        foreach (double x in Edges)
        {
            double gain = x > 0 ? x : 0, loss = x < 0 ? -x : 0; // RSI's gain and loss, as they were written before
            Assert.Equal(BitConverter.DoubleToInt64Bits(gain), BitConverter.DoubleToInt64Bits(TaMath.PositivePart(x)));
            Assert.Equal(BitConverter.DoubleToInt64Bits(loss), BitConverter.DoubleToInt64Bits(TaMath.PositivePart(-x)));
        }
    }
}
