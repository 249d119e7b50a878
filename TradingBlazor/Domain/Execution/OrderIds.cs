using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Domain.Execution;

/// <summary>
/// Deterministic client order ids: <c>{prefix}-{symbol}-{yyyyMMddHHmm}-{b|s|x}</c>. The prefix names the bot
/// (<see cref="ForBot"/>), so a fill can be routed to its bot from the id alone, and a restart that decides the same
/// order again produces the same id. Alpaca allows 128 characters; these stay well under.
/// </summary>
public static class OrderIds
{
    public const string BacktestPrefix = "bt";

    public static string ForBot(long botId) => $"tb{botId}";

    public static string ForSignal(string prefix, string symbol, DateTime barStartUtc, SignalAction action) =>
        $"{prefix}-{symbol}-{barStartUtc:yyyyMMddHHmm}-{(action == SignalAction.Buy ? "b" : "s")}";

    /// <summary>A protective exit (stop, target, trailing stop, flatten) the engine or the simulated broker triggers.</summary>
    public static string ForExit(string prefix, string symbol, DateTime barStartUtc) => $"{prefix}-{symbol}-{barStartUtc:yyyyMMddHHmm}-x";

    /// <summary>The sale that flattens a position before the close.</summary>
    public static string ForFlatten(string prefix, string symbol, DateTime barStartUtc) => $"{prefix}-{symbol}-{barStartUtc:yyyyMMddHHmm}-f";

    /// <summary>The bot an id belongs to, or null for an order this app did not place.</summary>
    public static long? BotOf(string clientOrderId)
    {
        if (!clientOrderId.StartsWith("tb", StringComparison.Ordinal)) return null;
        int dash = clientOrderId.IndexOf('-');
        return dash > 2 && long.TryParse(clientOrderId.AsSpan(2, dash - 2), out var id) ? id : null;
    }
}
