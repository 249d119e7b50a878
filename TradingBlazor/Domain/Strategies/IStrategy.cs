using TradingBlazor.Domain.Indicators.Registry;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Strategies.Rules;

namespace TradingBlazor.Domain.Strategies;

/// <summary>
/// A strategy sees only closed bars: it is called once per closed bar of each symbol, after that symbol's
/// <see cref="IndicatorFrame"/> has been updated, and answers with a signal or nothing.
/// </summary>
public interface IStrategy
{
    Signal? OnBar(string symbol, DateTime barStartUtc, IndicatorFrame frame, bool inPosition);
}

/// <summary>A strategy plug-in: id, parameter schema, the indicators it needs, and its factory.</summary>
public sealed record StrategyDefinition(
    string Id, string Name, string Description, IReadOnlyList<IndicatorParameter> Parameters,
    Func<BotConfig, IReadOnlyList<string>> RequiredIndicators,
    Func<BotConfig, RuleVariables, IStrategy> Create);
