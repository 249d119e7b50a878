using TradingBlazor.Domain.Execution;
using TradingBlazor.Domain.MarketData;

namespace TradingBlazor.Engine.Trading;

/// <summary>
/// Protective exits the engine watches itself, for a broker that does not hold them (Alpaca, where the entry is a plain
/// market order). Each bar is checked against the stop and the target: the stop first when one bar touches both, as the
/// simulated broker assumes. A hit becomes a market sale, so it fills at the next price rather than at the level: the
/// backtest's stop fills at the stop (or the open on a gap), a watched stop at the open after the bar that crossed it.
/// A trailing stop ratchets from each bar's high after that bar's check.
/// </summary>
public sealed class ExitWatcher
{
    private readonly Dictionary<string, Watch> _watches = new(StringComparer.Ordinal);

    public bool Watches(string symbol) => _watches.ContainsKey(symbol);

    /// <summary>A position opened (or grew) at an average price: its levels from the entry's exits.</summary>
    public void Arm(string symbol, ProtectiveExits exits, decimal averagePrice)
    {
        if (!exits.Any)
        {
            _watches.Remove(symbol);
            return;
        }
        var (stop, target) = exits.LevelsAt(averagePrice);
        _watches[symbol] = new Watch(exits, stop, target);
    }

    public void Disarm(string symbol) => _watches.Remove(symbol);

    /// <summary>The reason to sell now, or null; then the trail moves up with the bar's high.</summary>
    public string? Check(Bar bar)
    {
        if (!_watches.TryGetValue(bar.Symbol, out var w)) return null;
        string? hit = w.Stop is { } s && bar.Low <= s ? (w.Exits.TrailDistance ?? w.Exits.TrailFraction) is null ? "stop" : "trailing stop"
            : w.Target is { } t && bar.High >= t ? "target"
            : null;
        if (w.Exits.TrailFrom(bar.High) is { } trailed && trailed > (w.Stop ?? 0m)) w.Stop = trailed;
        return hit;
    }

    private sealed class Watch(ProtectiveExits exits, decimal? stop, decimal? target)
    {
        public ProtectiveExits Exits { get; } = exits;
        public decimal? Stop { get; set; } = stop;
        public decimal? Target { get; } = target;
    }
}
