using TradingBlazor.Data.Conversion;

namespace TradingBlazor.Tests.Data;

public class ScaledDecimalTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("123.45")]
    [InlineData("-0.00000001")]
    [InlineData("92233720368.54775807")]
    [InlineData("-92233720368.54775808")]
    public void Money_round_trips_exactly(string value)
    {
        var d = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(d, ScaledDecimal.FromScaled(ScaledDecimal.ToScaled(d, ScaledDecimal.MoneyScale), ScaledDecimal.MoneyScale));
    }

    [Fact]
    public void Random_values_round_trip_and_keep_their_order()
    {
        // Property: for any value on the storage grid, conversion is lossless and order-preserving (so SQL can sort).
        var random = new Random(42);
        var values = Enumerable.Range(0, 5000)
            .Select(_ => new decimal(random.NextInt64(-10_000_000_000_000, 10_000_000_000_000)) / 100_000_000m)
            .ToList();
        foreach (var v in values)
            Assert.Equal(v, ScaledDecimal.FromScaled(ScaledDecimal.ToScaled(v, ScaledDecimal.MoneyScale), ScaledDecimal.MoneyScale));
        var byDecimal = values.OrderBy(v => v).ToList();
        var byScaled = values.OrderBy(v => ScaledDecimal.ToScaled(v, ScaledDecimal.MoneyScale)).ToList();
        Assert.Equal(byDecimal, byScaled);
    }

    [Fact]
    public void More_digits_than_the_scale_are_rejected_not_rounded()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ScaledDecimal.ToScaled(0.000000001m, ScaledDecimal.MoneyScale));
        Assert.Contains("8 fractional digits", ex.Message);
        Assert.Equal(1L, ScaledDecimal.ToScaled(0.000000001m, ScaledDecimal.QuantityScale));
    }

    [Theory]
    [InlineData("1.50000000000", ScaleProblem.None)]          // trailing zeros beyond the scale still fit exactly
    [InlineData("92233720368.54775807", ScaleProblem.None)]
    [InlineData("-92233720368.54775808", ScaleProblem.None)]
    [InlineData("92233720368.54775808", ScaleProblem.TooLarge)]
    [InlineData("79228162514264337593543950335", ScaleProblem.TooLarge)] // decimal.MaxValue: no overflow on the way
    [InlineData("1.123456789", ScaleProblem.TooManyDecimals)]
    public void Check_tells_why_a_value_cannot_be_stored_without_throwing(string value, ScaleProblem expected)
    {
        var d = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, ScaledDecimal.Check(d, ScaledDecimal.MoneyScale));
    }

    [Fact]
    public void Values_too_large_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ScaledDecimal.ToScaled(100_000_000_000m, ScaledDecimal.MoneyScale));
    }
}

public class StorageScaleTests
{
    [Fact]
    public void Index_volumes_fit_the_volume_scale()
    {
        // The S&P 500's busiest days trade close to 1e10 shares.
        Assert.Equal(9_459_830_000m, TradingBlazor.Data.Conversion.ScaledDecimal.FromScaled(
            TradingBlazor.Data.Conversion.ScaledDecimal.ToScaled(9_459_830_000m, TradingBlazor.Data.Conversion.ScaledDecimal.VolumeScale),
            TradingBlazor.Data.Conversion.ScaledDecimal.VolumeScale));
    }
}
