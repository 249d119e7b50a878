namespace TradingBlazor.Data.Conversion;

/// <summary>Why a decimal cannot be stored at a scale.</summary>
public enum ScaleProblem
{
    None,
    TooManyDecimals,
    TooLarge,
}

/// <summary>
/// Exact decimal &lt;-&gt; scaled 64-bit integer, the storage form for money and quantities. SQLite (through
/// EF Core, which stores a decimal as TEXT) can neither sort nor sum a decimal column; integers it can, exactly. A value with more
/// fractional digits than the scale, or too large to fit, is rejected rather than silently rounded.
/// </summary>
public static class ScaledDecimal
{
    /// <summary>Prices and cash: 8 fractional digits (covers sub-penny quotes; ±92 billion range).</summary>
    public const int MoneyScale = 8;

    /// <summary>Share quantities: 9 fractional digits, as fine as fractional-share brokers report.</summary>
    public const int QuantityScale = 9;

    /// <summary>Bar volumes: 4 fractional digits (fractional-share and crypto volumes) up to 9.2e14, enough for index volumes.</summary>
    public const int VolumeScale = 4;

    private static readonly decimal[] Factors = Enumerable.Range(0, 19).Select(i => Pow10(i)).ToArray();

    // The storable range per scale, exact (dividing by a power of ten loses nothing in decimal).
    private static readonly decimal[] Largest = Factors.Select(f => long.MaxValue / f).ToArray();
    private static readonly decimal[] Smallest = Factors.Select(f => long.MinValue / f).ToArray();

    /// <summary>Whether <paramref name="value"/> can be stored exactly at <paramref name="scale"/>, without throwing (CSV import rejects the row instead).</summary>
    public static ScaleProblem Check(decimal value, int scale)
    {
        if (value > Largest[scale] || value < Smallest[scale]) return ScaleProblem.TooLarge;
        // Few enough digits as written is the common case; otherwise trailing zeros may still make it fit.
        if (value.Scale <= scale) return ScaleProblem.None;
        decimal scaled = value * Factors[scale];
        return scaled == decimal.Truncate(scaled) ? ScaleProblem.None : ScaleProblem.TooManyDecimals;
    }

    public static long ToScaled(decimal value, int scale) => Check(value, scale) switch
    {
        ScaleProblem.None => (long)(value * Factors[scale]),
        ScaleProblem.TooManyDecimals => throw new ArgumentOutOfRangeException(nameof(value), value, $"Value has more than {scale} fractional digits and cannot be stored exactly."),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, $"Value is too large to store with {scale} fractional digits."),
    };

    public static decimal FromScaled(long scaled, int scale) => scaled / Factors[scale];

    private static decimal Pow10(int n)
    {
        decimal result = 1m;
        for (int i = 0; i < n; i++) result *= 10m;
        return result;
    }
}
