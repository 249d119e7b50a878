namespace TradingBlazor.Domain.Indicators.Framework;

/// <summary>Runs a kernel over a series. Generic over the struct kernel so the JIT specialises and inlines the loop.</summary>
public static class BatchRunner
{
    /// <summary>Computes every bar's outputs into a row-major buffer (<c>bars.Length × OutputCount</c>).</summary>
    public static void Run<TKernel>(ref TKernel kernel, ReadOnlySpan<Ohlcv> bars, Span<double> output) where TKernel : struct, IIndicatorKernel
    {
        int width = kernel.OutputCount;
        if (output.Length < bars.Length * width)
            throw new ArgumentException($"Output needs {bars.Length * width} values, got {output.Length}.", nameof(output));
        for (int i = 0; i < bars.Length; i++)
            kernel.Step(in bars[i], true, output.Slice(i * width, width));
    }
}
