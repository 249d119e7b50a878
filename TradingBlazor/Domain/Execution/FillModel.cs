using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Domain.Execution;

/// <summary>When a market order signalled on a bar's close fills.</summary>
public enum FillTiming
{
    /// <summary>At the next bar's open (default: the signal is only known after the close).</summary>
    NextOpen,
    /// <summary>At the signal bar's own close (optimistic; for comparison with tools that do this).</summary>
    SameClose,
}

/// <summary>Commission per order, per share and as a fraction of notional, added up.</summary>
public sealed record CommissionModel(decimal PerOrder = 0m, decimal PerShare = 0m, decimal Percent = 0m)
{
    public decimal For(decimal quantity, decimal price) => quantity == 0 ? 0 : PerOrder + PerShare * quantity + Percent * quantity * price;

    /// <summary>Estimate for a notional (the risk engine's cash check).</summary>
    public decimal ForNotional(decimal notional) => notional == 0 ? 0 : PerOrder + Percent * notional;

    /// <summary>
    /// The part of the fee for selling <paramref name="quantity"/> that the sale's proceeds may not cover: the price
    /// can fall to almost nothing, and only the percentage shrinks with it. Cash kept back for this means a position
    /// can always be closed without the cash going below zero.
    /// </summary>
    public decimal ToClose(decimal quantity) => quantity <= 0 ? 0 : PerOrder + PerShare * quantity;
}

/// <summary>Slippage against the trader: basis points of the price plus a fraction of the ATR.</summary>
public sealed record SlippageModel(decimal Bps = 0m, decimal AtrFraction = 0m)
{
    public decimal Apply(decimal price, OrderSide side, double atr)
    {
        // To 1e-8 dollars: finer slippage does not exist, and fill prices stay storable exactly.
        decimal slip = Math.Round(price * Bps / 10_000m + (double.IsNaN(atr) ? 0m : AtrFraction * (decimal)atr), 8);
        return side == OrderSide.Buy ? price + slip : Math.Max(price - slip, 0.0001m);
    }
}

public sealed record FillModel(FillTiming Timing, CommissionModel Commission, SlippageModel Slippage, bool FractionalShares)
{
    public static readonly FillModel Default = new(FillTiming.NextOpen, new CommissionModel(), new SlippageModel(), FractionalShares: false);
}
