using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Strategies.Rules;

namespace TradingBlazor.Domain.Strategies;

/// <summary>Strategy plug-ins by id: the rules engine and code strategies.</summary>
public static class StrategyRegistry
{
    public static readonly IReadOnlyList<StrategyDefinition> All = new[]
    {
        new StrategyDefinition(RulesStrategy.Id, "Rules", "Entry and exit rules over indicators (the bot editor's strategy).",
            Array.Empty<Indicators.Registry.IndicatorParameter>(), _ => Array.Empty<string>(), (c, v) => new RulesStrategy(c, v)),
        ChannelBreakoutStrategy.Definition,
        MlEnsembleStrategy.Definition,
    };

    public static StrategyDefinition? Find(string id) => All.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.OrdinalIgnoreCase));
}
