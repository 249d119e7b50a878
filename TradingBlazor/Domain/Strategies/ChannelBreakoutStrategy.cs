using TradingBlazor.Domain.Indicators.Registry;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Strategies.Rules;
using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Domain.Strategies;

/// <summary>
/// A code strategy (the plug-in example): buy when the close breaks above the previous bar's n-bar high, sell when it
/// breaks below the previous bar's m-bar low (a Turtle-style channel breakout). Parameters: entry_period, exit_period.
/// </summary>
public sealed class ChannelBreakoutStrategy : IStrategy
{
    public const string Id = "channel_breakout";

    public static readonly StrategyDefinition Definition = new(
        Id, "Channel breakout", "Buy a close above the prior n-bar high; sell a close below the prior m-bar low.",
        new[]
        {
            IndicatorParameter.Period("entry_period", 20, "Bars in the entry channel", min: 2),
            IndicatorParameter.Period("exit_period", 10, "Bars in the exit channel", min: 2),
        },
        config => new[] { $"donchian({Period(config, "entry_period", 20)})", $"donchian({Period(config, "exit_period", 10)})" },
        (config, variables) => new ChannelBreakoutStrategy(config, variables));

    private readonly int _entryUpper, _exitLower;
    private readonly Dictionary<string, (double Upper, double Lower)> _previous = new(StringComparer.Ordinal); // symbols are upper-case by the time they get here

    private ChannelBreakoutStrategy(BotConfig config, RuleVariables variables)
    {
        int entry = Period(config, "entry_period", 20), exit = Period(config, "exit_period", 10);
        variables.TryGetSlot($"donchian_{entry}_upper", out _entryUpper);
        variables.TryGetSlot($"donchian_{exit}_lower", out _exitLower);
    }

    private static int Period(BotConfig config, string name, int fallback) => config.Parameters.TryGetValue(name, out var v) ? (int)v : fallback;

    public Signal? OnBar(string symbol, DateTime barStartUtc, IndicatorFrame frame, bool inPosition)
    {
        var v = frame.Values;
        if (!_previous.TryGetValue(symbol, out var prior)) prior = (double.NaN, double.NaN); // nothing to break out of yet
        _previous[symbol] = (v[_entryUpper], v[_exitLower]);
        double close = v[3];
        if (!inPosition && close > prior.Upper)
            return new Signal(symbol, barStartUtc, SignalAction.Buy, 1.0, Id, new Dictionary<string, double> { ["close"] = close, ["channel_high"] = prior.Upper });
        if (inPosition && close < prior.Lower)
            return new Signal(symbol, barStartUtc, SignalAction.Sell, 1.0, Id, new Dictionary<string, double> { ["close"] = close, ["channel_low"] = prior.Lower });
        return null;
    }
}
