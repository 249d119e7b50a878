using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Strategies.Rules;
using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Domain.Strategies;

/// <summary>
/// The rules engine as a strategy: flat and the entry rule holds → buy; holding and the exit rule holds → sell.
/// Both rules are evaluated on every bar (crossovers and "for N bars" need every bar); each symbol has its own rule state.
/// </summary>
public sealed class RulesStrategy : IStrategy
{
    public const string Id = "rules";

    private readonly BotConfig _config;
    private readonly RuleVariables _variables;
    private readonly Dictionary<string, (RuleNode? Entry, RuleNode? Exit)> _rules = new(StringComparer.Ordinal); // symbols are upper-case by the time they get here
    private readonly int[] _evidence;

    public RulesStrategy(BotConfig config, RuleVariables variables)
    {
        _config = config;
        _variables = variables;
        var slots = new SortedSet<int> { 3 }; // the close is always part of the evidence
        var (entry, exit) = Compile();
        entry?.CollectSlots(slots);
        exit?.CollectSlots(slots);
        _evidence = slots.ToArray();
    }

    private (RuleNode? Entry, RuleNode? Exit) Compile() => (
        _config.Entry is { } e ? RuleParser.Compile(e.Rule, _variables, "entry.rule") : null,
        _config.Exit is { } x ? RuleParser.Compile(x.Rule, _variables, "exit.rule") : null);

    public Signal? OnBar(string symbol, DateTime barStartUtc, IndicatorFrame frame, bool inPosition)
    {
        if (!_rules.TryGetValue(symbol, out var rules)) _rules[symbol] = rules = Compile();
        bool enter = rules.Entry?.Evaluate(frame.Values) == true;
        bool exit = rules.Exit?.Evaluate(frame.Values) == true;
        if (!inPosition && enter)
            return new Signal(symbol, barStartUtc, SignalAction.Buy, _config.Entry!.Confidence, "entry.rule", frame.Snapshot(_evidence));
        if (inPosition && exit)
            return new Signal(symbol, barStartUtc, SignalAction.Sell, _config.Exit!.Confidence, "exit.rule", frame.Snapshot(_evidence));
        return null;
    }
}
