using System.Runtime.CompilerServices;

namespace TradingBlazor.Domain.Indicators.Primitives;

/// <summary>TA-Lib's numeric conventions, so edge cases (flat windows, zero ranges) behave the same.</summary>
public static class TaMath
{
    /// <summary>TA-Lib's TA_IS_ZERO: |v| &lt; 1e-8.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsZero(double v) => v > -0.00000001 && v < 0.00000001;

    /// <summary>TA-Lib's TA_IS_ZERO_OR_NEG: v &lt; 1e-8.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsZeroOrNegative(double v) => v < 0.00000001;

    /// <summary>True range: max(high-low, |high-prevClose|, |low-prevClose|), in TA-Lib's order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double TrueRange(double high, double low, double previousClose)
    {
        double greatest = high - low;
        double v = Math.Abs(previousClose - high);
        if (v > greatest) greatest = v;
        v = Math.Abs(previousClose - low);
        if (v > greatest) greatest = v;
        return greatest;
    }
}
