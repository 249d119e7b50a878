using System.Text.Json;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Strategies;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Strategies.Rules;

namespace TradingBlazor.Engine.Backtesting;

/// <summary>On how many bars one condition of the entry rule held.</summary>
public sealed record ConditionCount(string Condition, int BarsTrue);

/// <summary>
/// Why a run had no entry signals: over the run's bars (all symbols), how often each top-level condition of the entry
/// rule held on its own, and how often the whole rule did.
/// </summary>
public sealed record EntryProbe(int Bars, IReadOnlyList<ConditionCount> Conditions, int BarsRuleHeld);

public static class EntryRuleProbe
{
    /// <summary>Null for a bot without an entry rule (a model-driven strategy).</summary>
    public static EntryProbe? Run(CompiledBot bot, IReadOnlyDictionary<string, IReadOnlyList<Bar>> data)
    {
        if (bot.Config.Entry is not { } entry) return null;
        var texts = Conditions(entry.Rule);
        var counts = new int[texts.Count];
        int bars = 0, held = 0;
        foreach (var series in data.Values)
        {
            // Fresh rule state per symbol, as the strategy keeps it: crossovers compare with the symbol's previous bar.
            var frame = new IndicatorFrame(bot.Variables, Math.Max(bot.Config.Risk.AtrPeriod, 1));
            var whole = RuleParser.Compile(entry.Rule, bot.Variables, "entry.rule");
            var parts = texts.Select((_, i) => RuleParser.Compile(Part(entry.Rule, i, texts.Count), bot.Variables, "entry.rule")).ToArray();
            foreach (var bar in series)
            {
                frame.Update(bar.ToOhlcv());
                bars++;
                if (whole.Evaluate(frame.Values)) held++;
                for (int i = 0; i < parts.Length; i++)
                    if (parts[i].Evaluate(frame.Values)) counts[i]++;
            }
        }
        return new EntryProbe(bars, texts.Select((t, i) => new ConditionCount(t, counts[i])).ToList(), held);
    }

    // The rule's top-level parts: the children of an all/any, or the rule itself.
    private static List<string> Conditions(JsonElement rule) =>
        Children(rule) is { } children ? children.Select(Text).ToList() : new List<string> { Text(rule) };

    private static JsonElement Part(JsonElement rule, int index, int count) =>
        Children(rule) is { } children && children.Count == count ? children[index] : rule;

    private static List<JsonElement>? Children(JsonElement rule) =>
        rule.ValueKind == JsonValueKind.Object && (rule.TryGetProperty("all", out var list) || rule.TryGetProperty("any", out list)) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().ToList()
            : null;

    private static string Text(JsonElement rule) => rule.ValueKind == JsonValueKind.String ? rule.GetString()! : rule.GetRawText();
}
