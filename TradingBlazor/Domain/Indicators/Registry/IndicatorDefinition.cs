using TradingBlazor.Domain.Indicators.Framework;

namespace TradingBlazor.Domain.Indicators.Registry;

/// <summary>Where a chart draws an indicator.</summary>
public enum IndicatorPane
{
    /// <summary>On the price chart (moving averages, bands, SAR, VWAP).</summary>
    Price,
    /// <summary>In its own pane below (oscillators, volume-based).</summary>
    Separate,
}

/// <summary>Batch computation over a whole series into a row-major buffer (bars × outputs).</summary>
public delegate void BatchCompute(IReadOnlyList<double> parameters, ReadOnlySpan<Ohlcv> bars, Span<double> output);

/// <summary>Batch computation of a one-value indicator over a column of that value (e.g. the closes).</summary>
public delegate void ValueBatchCompute(IReadOnlyList<double> parameters, ReadOnlySpan<double> values, Span<double> output);

/// <summary>The column batch of a one-value indicator: which series it reads and the computation over it.</summary>
public sealed record ValueColumnCompute(ValueSource Source, ValueBatchCompute Compute);

/// <summary>
/// Everything the bot editor, the API, the CLI, charts and the rules engine need to know about an indicator:
/// id, parameter schema, named outputs, where it is drawn, and how to build its batch and streaming forms.
/// </summary>
public sealed class IndicatorDefinition
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required IReadOnlyList<IndicatorParameter> Parameters { get; init; }
    public required IReadOnlyList<string> Outputs { get; init; }
    public required IndicatorPane Pane { get; init; }
    /// <summary>Fixed reference levels for oscillator panes (RSI 30/70, Stochastic 20/80).</summary>
    public IReadOnlyList<double> Levels { get; init; } = Array.Empty<double>();
    /// <summary>Outputs a chart draws (e.g. the bands but not %B on a price pane); all by default.</summary>
    public IReadOnlyList<string> PlottedOutputs { get; init; } = Array.Empty<string>();

    public IReadOnlyList<int> PlottedOutputIndexes => PlottedOutputs.Count == 0
        ? Enumerable.Range(0, Outputs.Count).ToArray()
        : PlottedOutputs.Select(o => Outputs.ToList().IndexOf(o)).ToArray();

    /// <summary>Checks relations between parameters (e.g. fast &lt; slow); null when fine.</summary>
    public Func<IReadOnlyList<double>, string?>? CrossCheck { get; init; }

    public required Func<IReadOnlyList<double>, IStreamingIndicator> CreateStreaming { get; init; }
    public required BatchCompute Compute { get; init; }
    public required Func<IReadOnlyList<double>, int> Lookback { get; init; }
    /// <summary>Each output's own first index (see <see cref="IIndicatorKernel.OutputLookback"/>).</summary>
    public required Func<IReadOnlyList<double>, IReadOnlyList<int>> OutputLookbacks { get; init; }

    /// <summary>For one-value indicators, the batch over a value column (TA-Lib's input shape); null otherwise.</summary>
    public ValueColumnCompute? ValueColumn { get; private set; }

    public IReadOnlyList<double> Defaults => Parameters.Select(p => p.Default).ToArray();

    /// <summary>Builds a definition whose batch and streaming forms run the same kernel.</summary>
    public static IndicatorDefinition For<TKernel>(
        string id, string name, string description, IndicatorPane pane,
        IReadOnlyList<IndicatorParameter> parameters, IReadOnlyList<string> outputs,
        Func<IReadOnlyList<double>, TKernel> kernel,
        Func<IReadOnlyList<double>, string?>? crossCheck = null, IReadOnlyList<double>? levels = null, IReadOnlyList<string>? plotted = null)
        where TKernel : struct, IIndicatorKernel => new()
    {
        Id = id,
        Name = name,
        Description = description,
        Pane = pane,
        Parameters = parameters,
        Outputs = outputs,
        CrossCheck = crossCheck,
        Levels = levels ?? Array.Empty<double>(),
        PlottedOutputs = plotted ?? Array.Empty<string>(),
        CreateStreaming = p => new StreamingIndicator<TKernel>(kernel(p)),
        Compute = (p, bars, output) => BatchRunner.Run(kernel(p), bars, output),
        Lookback = p => kernel(p).Lookback,
        OutputLookbacks = p => LookbacksOf(kernel(p)),
    };

    /// <summary>
    /// <see cref="For{TKernel}"/> for a kernel consuming one value per bar, adding its batch over a value column: the
    /// same kernel, so both batches give the same outputs bit for bit.
    /// </summary>
    public static IndicatorDefinition ForValues<TKernel>(
        string id, string name, string description, IndicatorPane pane,
        IReadOnlyList<IndicatorParameter> parameters, IReadOnlyList<string> outputs,
        Func<IReadOnlyList<double>, TKernel> kernel, IReadOnlyList<double>? levels = null)
        where TKernel : struct, IIndicatorKernel, IValueKernel
    {
        var definition = For(id, name, description, pane, parameters, outputs, kernel, levels: levels);
        definition.ValueColumn = new ValueColumnCompute(kernel(definition.Defaults).Source,
            (p, values, output) => BatchRunner.Run(kernel(p), values, output));
        return definition;
    }

    private static int[] LookbacksOf<TKernel>(TKernel kernel) where TKernel : struct, IIndicatorKernel
    {
        var lookbacks = new int[kernel.OutputCount];
        for (int o = 0; o < lookbacks.Length; o++) lookbacks[o] = kernel.OutputLookback(o);
        return lookbacks;
    }
}
