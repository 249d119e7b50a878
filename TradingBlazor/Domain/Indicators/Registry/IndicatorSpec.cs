using System.Globalization;
using TradingBlazor.Domain.Indicators.Framework;

namespace TradingBlazor.Domain.Indicators.Registry;

/// <summary>
/// An indicator with concrete, validated parameters, e.g. <c>rsi(14)</c> or <c>macd(12,26,9)</c>. Its column names
/// are <c>id_params</c> for one output (<c>rsi_14</c>, <c>obv</c>) and <c>id_params_output</c> otherwise
/// (<c>macd_12_26_9_signal</c>).
/// </summary>
public sealed class IndicatorSpec
{
    private IndicatorSpec(IndicatorDefinition definition, IReadOnlyList<double> parameters)
    {
        Definition = definition;
        Parameters = parameters;
    }

    public IndicatorDefinition Definition { get; }
    public IReadOnlyList<double> Parameters { get; }

    /// <summary>"rsi_14", "macd_12_26_9", "obv".</summary>
    public string Key => Parameters.Count == 0 ? Definition.Id : $"{Definition.Id}_{string.Join("_", Parameters.Select(IndicatorParameter.Format))}";

    /// <summary>"rsi(14)".</summary>
    public override string ToString() => Parameters.Count == 0 ? Definition.Id : $"{Definition.Id}({string.Join(",", Parameters.Select(IndicatorParameter.Format))})";

    public IReadOnlyList<string> ColumnNames => Definition.Outputs.Count == 1
        ? new[] { Key }
        : Definition.Outputs.Select(o => $"{Key}_{o}").ToArray();

    /// <summary>First bar at which every output has a value.</summary>
    public int Lookback => Definition.Lookback(Parameters);

    /// <summary>Each output's first bar with a value, in <see cref="IndicatorDefinition.Outputs"/> order.</summary>
    public IReadOnlyList<int> OutputLookbacks => Definition.OutputLookbacks(Parameters);

    public IStreamingIndicator CreateStreaming() => Definition.CreateStreaming(Parameters);

    /// <summary>Computes all outputs for a series: one array per output, NaN during warm-up.</summary>
    public double[][] ComputeColumns(ReadOnlySpan<Ohlcv> bars)
    {
        int width = Definition.Outputs.Count;
        var rows = new double[bars.Length * width];
        Definition.Compute(Parameters, bars, rows);
        var columns = new double[width][];
        for (int o = 0; o < width; o++)
        {
            var column = columns[o] = new double[bars.Length];
            for (int i = 0; i < bars.Length; i++) column[i] = rows[i * width + o];
        }
        return columns;
    }

    /// <summary>Validates parameters (missing trailing ones take their defaults) against the definition's schema.</summary>
    public static IndicatorSpec Create(IndicatorDefinition definition, IReadOnlyList<double> parameters)
    {
        if (parameters.Count > definition.Parameters.Count)
            throw new IndicatorSpecException($"{definition.Id} takes {definition.Parameters.Count} parameter(s) ({string.Join(", ", definition.Parameters.Select(p => p.Name))}), got {parameters.Count}.", definition.Id);
        var values = definition.Parameters.Select((p, i) => i < parameters.Count ? parameters[i] : p.Default).ToArray();
        for (int i = 0; i < values.Length; i++)
        {
            if (definition.Parameters[i].Check(values[i]) is { } error)
                throw new IndicatorSpecException($"{definition.Id}: {error}", definition.Parameters[i].Name);
        }
        if (definition.CrossCheck?.Invoke(values) is { } crossError)
            throw new IndicatorSpecException($"{definition.Id}: {crossError}", definition.Id);
        return new IndicatorSpec(definition, values);
    }

    /// <summary>Parses "id" or "id(p1,p2,...)" against a catalog.</summary>
    public static IndicatorSpec Parse(string text, IndicatorCatalog catalog)
    {
        var s = text.Trim();
        int open = s.IndexOf('(');
        string id = (open < 0 ? s : s[..open]).Trim().ToLowerInvariant();
        var definition = catalog.Find(id) ?? throw new IndicatorSpecException(
            $"Unknown indicator '{id}'. Known: {string.Join(", ", catalog.All.Select(d => d.Id))}.", "id");
        var parameters = new List<double>();
        if (open >= 0)
        {
            if (!s.EndsWith(')'))
                throw new IndicatorSpecException($"'{text}' is missing its closing parenthesis.", "id");
            var inner = s[(open + 1)..^1];
            if (inner.Trim().Length > 0)
            {
                foreach (var part in inner.Split(','))
                {
                    if (!double.TryParse(part.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                        throw new IndicatorSpecException($"{id}: '{part.Trim()}' is not a number.", "parameters");
                    parameters.Add(value);
                }
            }
        }
        return Create(definition, parameters);
    }
}

/// <summary>A bad indicator id or parameter; <see cref="Field"/> names what was wrong.</summary>
public sealed class IndicatorSpecException : ArgumentException
{
    public IndicatorSpecException(string message, string field) : base(message) => Field = field;

    public string Field { get; }
}
