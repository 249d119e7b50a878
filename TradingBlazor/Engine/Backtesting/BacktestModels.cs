using TradingBlazor.Domain.Execution;
using TradingBlazor.Engine.Trading;

namespace TradingBlazor.Engine.Backtesting;

/// <summary>What happens to a position still open when the data ends.</summary>
public enum EndOfData
{
    /// <summary>Valued at the last close, not sold (default).</summary>
    MarkToMarket,
    /// <summary>Sold at the last close.</summary>
    Liquidate,
}

public sealed record BacktestOptions
{
    public FillModel Fill { get; init; } = FillModel.Default;
    public EndOfData EndOfData { get; init; } = EndOfData.MarkToMarket;
    /// <summary>Overrides the config's capital.</summary>
    public decimal? Capital { get; init; }
    /// <summary>Overrides risk.fractional_shares.</summary>
    public bool? FractionalShares { get; init; }
    /// <summary>Signals before this instant are ignored (bars before it only warm up indicators): walk-forward test windows.</summary>
    public DateTime? TradeFromUtc { get; init; }
    /// <summary>The engine watches stops and targets and sells at market (as it does live on Alpaca) instead of the broker filling at the level.</summary>
    public bool WatchExits { get; init; }
}

public readonly record struct EquityPoint(DateTime TimeUtc, decimal Equity);

public sealed record OpenPositionAtEnd(string Symbol, DateTime EntryTimeUtc, decimal EntryPrice, decimal Quantity, decimal LastPrice);

public sealed record BacktestResult(
    decimal InitialCapital, decimal FinalEquity, int Bars, DateTime FromUtc, DateTime ToUtc,
    IReadOnlyList<EquityPoint> Equity, IReadOnlyList<ClosedTrade> Trades, IReadOnlyList<Fill> Fills,
    IReadOnlyList<SignalOutcome> Signals, IReadOnlyList<OpenPositionAtEnd> OpenPositions, BacktestMetrics Metrics)
{
    /// <summary>Signals with refusal reasons, exits by kind and months, computed from the fields above on each call.</summary>
    public BacktestActivity Activity => BacktestActivity.From(Signals, Trades, Equity, InitialCapital);
}
