using TradingBlazor.Domain.Strategies;
using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Domain.Execution;

/// <summary>Protective exits attached to a position when its entry fills: fixed levels or distances resolved at the fill price.</summary>
public sealed record ProtectiveExits(decimal? StopDistance, decimal? StopFraction, decimal? TargetDistance, decimal? TargetFraction, decimal? TrailDistance, decimal? TrailFraction)
{
    public static readonly ProtectiveExits None = new(null, null, null, null, null, null);
    public bool Any => (StopDistance ?? StopFraction ?? TargetDistance ?? TargetFraction ?? TrailDistance ?? TrailFraction) is not null;

    /// <summary>The stop (the higher of the fixed stop and the trail's start) and the target for an entry at <paramref name="price"/>.</summary>
    public (decimal? Stop, decimal? Target) LevelsAt(decimal price)
    {
        decimal? stop = StopDistance is { } sd ? price - sd : StopFraction is { } sf ? price * (1 - sf) : null;
        decimal? target = TargetDistance is { } td ? price + td : TargetFraction is { } tf ? price * (1 + tf) : null;
        decimal? trailStart = TrailDistance is { } trd ? price - trd : TrailFraction is { } trf ? price * (1 - trf) : null;
        if (trailStart is { } ts && (stop is null || ts > stop)) stop = ts;
        return (stop, target);
    }

    /// <summary>Where the trailing stop stands after a bar with this high (null without a trail); it only ever moves up.</summary>
    public decimal? TrailFrom(decimal high) => TrailDistance is { } d ? high - d : TrailFraction is { } f ? high * (1 - f) : null;
}

/// <summary>
/// An order after the risk engine: a market order for a quantity, or for a notional amount that the broker turns into
/// shares at the fill price (so "all available cash" never buys more than the cash, even after a gap).
/// </summary>
/// <param name="Reason">Why an order without a signal was placed (e.g. "flatten before the close"); its fill carries it.</param>
public sealed record OrderRequest(string ClientOrderId, string Symbol, OrderSide Side, decimal? Quantity, decimal? Notional, ProtectiveExits Exits, Signal? Signal, string? Reason = null);

/// <summary>
/// One execution. <see cref="ExecutionId"/> is the broker's identity for it (unique: a fill reported twice, by the
/// stream and by reconciliation, has the same one). <see cref="Reason"/> says why it happened (entry, signal, stop...).
/// </summary>
public sealed record Fill(string ClientOrderId, string ExecutionId, string Symbol, OrderSide Side, decimal Quantity, decimal Price, decimal Fee, DateTime TimeUtc, string Reason);

/// <summary>A closed round trip.</summary>
public sealed record ClosedTrade(
    string Symbol, DateTime EntryTimeUtc, decimal EntryPrice, decimal Quantity, DateTime ExitTimeUtc, decimal ExitPrice,
    decimal Pnl, decimal Fees, decimal ReturnPct, int BarsHeld, decimal MaePct, decimal MfePct, string ExitReason, Signal? EntrySignal);
