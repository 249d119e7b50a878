using TradingBlazor.Domain.Indicators.Registry;

namespace TradingBlazor.Domain.Strategies.Rules;

/// <summary>
/// The names a rule may use, each bound to a slot of the per-bar value frame: price fields (open, high, low, close,
/// volume), every indicator output by column name (rsi_14, macd_12_26_9_signal), and unambiguous short names
/// (rsi, signal, hist, upper, k, d) when only one configured indicator provides them.
/// </summary>
public sealed class RuleVariables
{
    public static readonly string[] PriceFields = { "open", "high", "low", "close", "volume" };

    private readonly Dictionary<string, int> _slots = new(StringComparer.OrdinalIgnoreCase);

    public RuleVariables(IReadOnlyList<IndicatorSpec> indicators)
    {
        Indicators = indicators;
        var columns = new List<string>(PriceFields);
        foreach (var spec in indicators) columns.AddRange(spec.ColumnNames);
        Columns = columns;
        for (int i = 0; i < columns.Count; i++) _slots[columns[i]] = i;

        // Short names: only where exactly one indicator could mean it.
        var shortNames = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        int slot = PriceFields.Length;
        foreach (var spec in indicators)
        {
            var outputs = spec.Definition.Outputs;
            for (int o = 0; o < outputs.Count; o++, slot++)
            {
                var name = outputs.Count == 1 ? spec.Definition.Id : outputs[o];
                if (!shortNames.TryGetValue(name, out var list)) shortNames[name] = list = new List<int>();
                list.Add(slot);
            }
        }
        foreach (var (name, slots) in shortNames)
            if (slots.Count == 1 && !_slots.ContainsKey(name)) _slots[name] = slots[0];
    }

    // Plain names, without price fields or indicators.
    private RuleVariables(IReadOnlyList<string> names)
    {
        Indicators = Array.Empty<IndicatorSpec>();
        Columns = names;
        for (int i = 0; i < names.Count; i++) _slots[names[i]] = i;
    }

    /// <summary>Named values and nothing else (a sweep's parameters, for a constraint such as "fast &lt; slow"), slots in the given order.</summary>
    public static RuleVariables Named(IEnumerable<string> names) => new(names.ToList());

    public IReadOnlyList<IndicatorSpec> Indicators { get; }

    /// <summary>Slot order: price fields, then every indicator's outputs in config order.</summary>
    public IReadOnlyList<string> Columns { get; }

    public int Count => Columns.Count;

    public IEnumerable<string> Names => _slots.Keys;

    public bool TryGetSlot(string name, out int slot) => _slots.TryGetValue(name, out slot);
}
