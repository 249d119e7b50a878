using System.Globalization;
using TradingBlazor.Domain.Indicators.Registry;

namespace TradingBlazor.Components.Bots.Editor;

/// <summary>One indicator row of the editor: an indicator and its parameters, written as a spec ("macd(12,26,9)").</summary>
public sealed class IndicatorDraft
{
    public string Id { get; set; } = "sma";
    /// <summary>One per parameter of the indicator, in its schema's order; null when left empty.</summary>
    public List<double?> Values { get; } = new();

    public string ToSpec() =>
        Values.Count == 0 ? Id : $"{Id}({string.Join(",", Values.Select(v => v is { } x ? IndicatorParameter.Format(x) : "").ToArray())})";

    /// <summary>Switches the indicator; its parameters start at their defaults.</summary>
    public void Use(IndicatorDefinition definition)
    {
        Id = definition.Id;
        Values.Clear();
        Values.AddRange(definition.Parameters.Select(p => (double?)p.Default));
    }

    /// <summary>Reads a spec; parameters it leaves out take the definition's defaults, as the parser does.</summary>
    public static IndicatorDraft From(string spec, IndicatorCatalog catalog)
    {
        var text = spec.Trim();
        int open = text.IndexOf('(');
        var draft = new IndicatorDraft { Id = (open < 0 ? text : text[..open]).Trim().ToLowerInvariant() };
        var given = open < 0 ? Array.Empty<string>() : text[(open + 1)..].TrimEnd(')').Split(',', StringSplitOptions.TrimEntries);
        var definition = catalog.All.FirstOrDefault(d => d.Id == draft.Id);
        int count = Math.Max(definition?.Parameters.Count ?? 0, given.Count(g => g.Length > 0));
        for (int i = 0; i < count; i++)
        {
            if (i < given.Length && double.TryParse(given[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) draft.Values.Add(v);
            else draft.Values.Add(i < (definition?.Parameters.Count ?? 0) && (i >= given.Length || given[i].Length == 0) ? definition!.Parameters[i].Default : null);
        }
        return draft;
    }
}
