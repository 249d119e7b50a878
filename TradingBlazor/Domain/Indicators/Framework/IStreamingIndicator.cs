namespace TradingBlazor.Domain.Indicators.Framework;

/// <summary>An indicator fed bar by bar: <see cref="Add"/> for closed bars, <see cref="Preview"/> for the live bar.</summary>
public interface IStreamingIndicator
{
    int OutputCount { get; }

    /// <summary>Bars needed before the first value: the value for bar index <c>Lookback</c> is the first one.</summary>
    int Lookback { get; }

    /// <summary>Closed bars added so far.</summary>
    int Count { get; }

    /// <summary>True once the last added bar produced a value for every output.</summary>
    bool IsReady { get; }

    /// <summary>Adds a closed bar and writes its outputs (NaN while warming up). No allocation.</summary>
    void Add(in Ohlcv bar, Span<double> output);

    /// <summary>Writes the outputs the bar would have if it closed now, without changing state (in-progress bars).</summary>
    void Preview(in Ohlcv bar, Span<double> output);

    void Reset();
}

/// <summary>The streaming form of a kernel.</summary>
public sealed class StreamingIndicator<TKernel> : IStreamingIndicator where TKernel : struct, IIndicatorKernel
{
    private TKernel _kernel;

    public StreamingIndicator(TKernel kernel) => _kernel = kernel;

    public int OutputCount => _kernel.OutputCount;
    public int Lookback => _kernel.Lookback;
    public int Count { get; private set; }
    public bool IsReady => Count > Lookback;

    public void Add(in Ohlcv bar, Span<double> output)
    {
        _kernel.Step(in bar, true, output);
        Count++;
    }

    public void Preview(in Ohlcv bar, Span<double> output) => _kernel.Step(in bar, false, output);

    public void Reset()
    {
        _kernel.Reset();
        Count = 0;
    }
}
