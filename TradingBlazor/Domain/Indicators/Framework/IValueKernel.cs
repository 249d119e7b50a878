namespace TradingBlazor.Domain.Indicators.Framework;

/// <summary>Which series of a bar a one-value kernel consumes, so a caller holding columns knows which to pass.</summary>
public enum ValueSource
{
    Close,
    Volume,
}

public static class ValueSources
{
    /// <summary>One series of the bars as a column (what a column batch and TA-Lib take).</summary>
    public static double[] Column(ReadOnlySpan<Ohlcv> bars, ValueSource source)
    {
        var column = new double[bars.Length];
        for (int i = 0; i < bars.Length; i++) column[i] = source == ValueSource.Volume ? bars[i].Volume : bars[i].Close;
        return column;
    }
}

/// <summary>
/// A kernel that consumes one value per bar (SMA, EMA, WMA, ROC, RSI). <see cref="Update"/> is its one formula: its
/// <see cref="IIndicatorKernel.Step"/> reads the bar's <see cref="Source"/> and delegates here, and the column batch
/// (<see cref="BatchRunner.Run{TKernel}(TKernel, ReadOnlySpan{double}, Span{double})"/>) calls it on a value column,
/// TA-Lib's input shape: 8 bytes a bar read instead of a 48-byte <see cref="Ohlcv"/> row.
/// </summary>
public interface IValueKernel
{
    ValueSource Source { get; }

    /// <summary>The output for value <paramref name="x"/> after all committed values; with <c>commit</c> it joins the state.</summary>
    double Update(double x, bool commit);
}
