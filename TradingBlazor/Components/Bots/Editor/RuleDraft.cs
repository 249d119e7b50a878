using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using TradingBlazor.Domain.Strategies.Config;

namespace TradingBlazor.Components.Bots.Editor;

public enum RuleMode
{
    /// <summary>Conditions picked from lists, joined by all/any.</summary>
    Builder,
    /// <summary>The rule language typed as text (or a JSON rule object).</summary>
    Text,
}

public enum RuleCombine
{
    All,
    Any,
}

/// <summary>One builder condition: a variable, a comparison or a cross, and a number or another variable.</summary>
public sealed class RuleCondition
{
    public static readonly string[] Operators = { ">", ">=", "<", "<=", "==", "!=", "crosses_above", "crosses_below" };

    public string Left { get; set; } = "close";
    public string Operator { get; set; } = ">";
    /// <summary>Compare with <see cref="Value"/> (true) or with the variable <see cref="Right"/>.</summary>
    public bool AgainstValue { get; set; } = true;
    public double? Value { get; set; } = 0;
    public string Right { get; set; } = "close";

    public string ToText() =>
        $"{Left} {Operator} {(AgainstValue ? (Value ?? 0).ToString("0.##########", CultureInfo.InvariantCulture) : Right)}";
}

/// <summary>
/// An entry or exit rule as the editor holds it. The builder writes the rule language ("a and b" for all, "a or b" for
/// any); text mode takes any rule the engine accepts, a JSON object ({"all": [...]}, for_bars…) included. The validator
/// judges both, through the same document the API receives.
/// </summary>
public sealed partial class RuleDraft
{
    public bool Enabled { get; set; } = true;
    public RuleMode Mode { get; set; } = RuleMode.Builder;
    public RuleCombine Combine { get; set; } = RuleCombine.All;
    public List<RuleCondition> Conditions { get; } = new();
    public string Text { get; set; } = "";
    public double Confidence { get; set; } = 1.0;

    /// <summary>The rule language text the builder's conditions make.</summary>
    public string BuilderText => string.Join(Combine == RuleCombine.All ? " and " : " or ", Conditions.Select(c => c.ToText()));

    /// <summary>The rule text this draft stands for, in whichever mode.</summary>
    public string CurrentText => Mode == RuleMode.Builder ? BuilderText : Text;

    public SignalRule? ToRule()
    {
        if (!Enabled) return null;
        var text = CurrentText.Trim();
        // A JSON rule object stays an object; anything else (a broken object too) is an expression the parser explains.
        JsonElement rule;
        try
        {
            rule = text.StartsWith('{') ? JsonSerializer.Deserialize<JsonElement>(text) : JsonSerializer.SerializeToElement(text);
        }
        catch (JsonException)
        {
            rule = JsonSerializer.SerializeToElement(text);
        }
        return new SignalRule { Rule = rule, Confidence = Confidence };
    }

    /// <summary>To text mode, carrying the builder's rule over.</summary>
    public void UseText()
    {
        if (Mode == RuleMode.Builder) Text = BuilderText;
        Mode = RuleMode.Text;
    }

    /// <summary>To the builder, when the text is conditions it can show; false (and unchanged) otherwise.</summary>
    public bool TryUseBuilder()
    {
        if (Mode == RuleMode.Builder) return true;
        if (!TryParseConditions(Text, out var combine, out var conditions)) return false;
        Load(combine, conditions);
        return true;
    }

    public static RuleDraft From(SignalRule? rule, bool enabledWhenMissing = true)
    {
        var draft = new RuleDraft { Enabled = rule is not null || enabledWhenMissing };
        if (rule is null)
        {
            draft.Conditions.Add(new RuleCondition());
            return draft;
        }
        draft.Confidence = rule.Confidence;
        draft.Text = AsText(rule.Rule);
        if (!draft.TryParseFlat(rule.Rule)) draft.Mode = RuleMode.Text;
        return draft;
    }

    // A string of simple conditions, or {"all"/"any": [simple condition strings]}: the builder can show it.
    private bool TryParseFlat(JsonElement rule)
    {
        if (rule.ValueKind == JsonValueKind.String && TryParseConditions(rule.GetString()!, out var combine, out var conditions))
        {
            Load(combine, conditions);
            return true;
        }
        if (rule.ValueKind != JsonValueKind.Object || rule.EnumerateObject().Count() != 1) return false;
        var only = rule.EnumerateObject().Single();
        if (only.Name is not ("all" or "any") || only.Value.ValueKind != JsonValueKind.Array) return false;
        var parsed = new List<RuleCondition>();
        foreach (var child in only.Value.EnumerateArray())
        {
            if (child.ValueKind != JsonValueKind.String || TryParseCondition(child.GetString()!) is not { } c) return false;
            parsed.Add(c);
        }
        if (parsed.Count == 0) return false;
        Load(only.Name == "all" ? RuleCombine.All : RuleCombine.Any, parsed);
        return true;
    }

    private void Load(RuleCombine combine, List<RuleCondition> conditions)
    {
        Combine = combine;
        Conditions.Clear();
        Conditions.AddRange(conditions);
        Mode = RuleMode.Builder;
    }

    private static string AsText(JsonElement rule) =>
        rule.ValueKind == JsonValueKind.String ? rule.GetString()! : rule.ValueKind == JsonValueKind.Undefined ? "" : JsonSerializer.Serialize(rule);

    /// <summary>Reads "a and b" or "a or b" (never both) of simple conditions.</summary>
    public static bool TryParseConditions(string text, out RuleCombine combine, out List<RuleCondition> conditions)
    {
        var lower = text.Trim();
        bool hasAnd = AndSeparator().IsMatch(lower), hasOr = OrSeparator().IsMatch(lower);
        combine = hasOr ? RuleCombine.Any : RuleCombine.All;
        conditions = new List<RuleCondition>();
        if ((hasAnd && hasOr) || lower.Length == 0) return false;
        foreach (var part in (hasOr ? OrSeparator() : AndSeparator()).Split(lower))
        {
            if (TryParseCondition(part) is not { } condition) return false;
            conditions.Add(condition);
        }
        return true;
    }

    private static RuleCondition? TryParseCondition(string text)
    {
        var m = SimpleCondition().Match(text.Trim());
        if (!m.Success) return null;
        var right = m.Groups["right"].Value;
        bool number = double.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out var value);
        return new RuleCondition
        {
            Left = m.Groups["left"].Value.ToLowerInvariant(),
            Operator = m.Groups["op"].Value.Trim().ToLowerInvariant(),
            AgainstValue = number,
            Value = number ? value : 0,
            Right = number ? "close" : right.ToLowerInvariant(),
        };
    }

    [GeneratedRegex(@"^(?<left>[A-Za-z_][A-Za-z0-9_.]*)\s*(?<op><=|>=|==|!=|<|>|\s(?i:crosses_above|crosses_below)\s)\s*(?<right>-?\d+(\.\d+)?|[A-Za-z_][A-Za-z0-9_.]*)$")]
    private static partial Regex SimpleCondition();

    [GeneratedRegex(@"\s+(?i:and)\s+")]
    private static partial Regex AndSeparator();

    [GeneratedRegex(@"\s+(?i:or)\s+")]
    private static partial Regex OrSeparator();
}
