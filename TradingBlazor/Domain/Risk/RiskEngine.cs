using TradingBlazor.Domain.Execution;
using TradingBlazor.Domain.Strategies;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Domain.Risk;

/// <summary>What the risk engine needs to know about the account when it decides.</summary>
public readonly record struct AccountView(decimal Cash, decimal Equity, decimal Exposure, int OpenPositions, decimal HeldQuantity);

/// <summary>
/// Every order passes here, in backtests and live. Exits (sells of a held position) are always allowed; entries are
/// sized (all-in, fixed fraction, fixed amount, ATR risk) and capped by the position-size, exposure and cash limits.
/// Fractions apply to the bot's current equity (its allocated capital plus its P&amp;L), so results compound; the daily loss
/// limit applies to the session's starting equity and the drawdown limit to the equity peak —
/// zero leverage: the notional plus the fee estimate, and what closing the position would cost, never exceeds the
/// cash — and refused with a reason code when the
/// bot is halted, past its daily loss or drawdown limit, already in the position, or at its open-position limit.
/// Entries are also refused outside the bot's New York trading window; exits never are.
/// </summary>
public sealed class RiskEngine
{
    private readonly RiskSettings _settings;
    private readonly CommissionModel _commission;
    private readonly EntryWindow? _window;

    /// <param name="commission">The broker's fees, so the cash check includes them.</param>
    /// <param name="idPrefix">Starts every client order id: unique per bot, so ids never collide across bots.</param>
    /// <param name="window">New York hours in which entries are allowed (null: any time, e.g. daily bars).</param>
    public RiskEngine(RiskSettings settings, CommissionModel? commission = null, string idPrefix = "tb", EntryWindow? window = null)
    {
        _settings = settings;
        _commission = commission ?? new CommissionModel();
        IdPrefix = idPrefix;
        _window = window;
    }

    public string IdPrefix { get; }
    public RiskState State { get; } = new();

    /// <summary>Approves an order for a signal, or says why not. <paramref name="atr"/> is the symbol's ATR (for ATR sizing and exits).</summary>
    public (OrderRequest? Order, RiskRejection? Rejection) Evaluate(Signal signal, AccountView account, decimal price, double atr)
    {
        if (signal.Action == SignalAction.Sell)
        {
            if (account.HeldQuantity <= 0) return Reject(RiskRejectionCode.NoPosition, $"No {signal.Symbol} position to sell.");
            return (new OrderRequest(NextId(signal), signal.Symbol, OrderSide.Sell, account.HeldQuantity, null, ProtectiveExits.None, signal), null);
        }

        if (_window is { } w && !w.Allows(signal.TimeUtc))
            return Reject(RiskRejectionCode.OutsideTradingWindow, $"Entries are allowed {w.Start:HH\\:mm}–{w.End:HH\\:mm} ET.");
        if (State.Halted is { } why) return Reject(RiskRejectionCode.BotHalted, $"Bot is halted (reduce-only): {why}.");
        if (State.EntriesHaltedToday) return Reject(RiskRejectionCode.DailyLossLimit, "Daily loss limit reached; no new entries until the next session.");
        if (_settings.MaxDailyLoss is { } dailyLimit && State.SessionStartEquity - account.Equity >= dailyLimit * State.SessionStartEquity)
        {
            State.HaltEntriesForSession();
            return Reject(RiskRejectionCode.DailyLossLimit, $"Session loss {State.SessionStartEquity - account.Equity:0.##} reached the daily limit of {dailyLimit:P0}; entries halted until the next session.");
        }
        if (_settings.MaxDrawdown is { } ddLimit && State.PeakEquity > 0 && (State.PeakEquity - account.Equity) / State.PeakEquity >= ddLimit)
        {
            State.Halted = $"drawdown reached the {ddLimit:P0} limit";
            return Reject(RiskRejectionCode.MaxDrawdown, $"Drawdown from the equity peak reached {ddLimit:P0}; the bot is halted (reduce-only).");
        }
        if (account.HeldQuantity > 0) return Reject(RiskRejectionCode.AlreadyInPosition, $"Already holding {signal.Symbol}.");
        if (account.OpenPositions >= _settings.MaxOpenPositions)
            return Reject(RiskRejectionCode.MaxOpenPositions, $"{account.OpenPositions} positions open; the limit is {_settings.MaxOpenPositions}.");

        decimal equity = account.Equity;
        decimal notional = TargetNotional(price, atr, account.Cash, equity);
        notional = Math.Min(notional, _settings.MaxPositionSize * equity);
        decimal exposureRoom = _settings.MaxExposure * equity - account.Exposure;
        if (exposureRoom <= 0) return Reject(RiskRejectionCode.ExposureLimit, $"Exposure {account.Exposure:0.##} is at the {_settings.MaxExposure:P0} limit.");
        notional = Math.Min(notional, exposureRoom);
        // Zero leverage: what may be spent, fees included, is the cash on hand, less what closing it would cost.
        decimal affordable = Math.Min(notional, account.Cash);
        decimal spendable = account.Cash - _commission.ForNotional(affordable) - _commission.ToClose(affordable / price);
        notional = Math.Min(notional, spendable);
        decimal minimum = _settings.FractionalShares ? 0.01m : price;
        if (notional < minimum || notional <= 0)
            return Reject(RiskRejectionCode.InsufficientCash, $"Cash {account.Cash:0.##} cannot buy {(_settings.FractionalShares ? "any" : "one whole")} {signal.Symbol} share at {price:0.####}.");
        return (new OrderRequest(NextId(signal), signal.Symbol, OrderSide.Buy, null, notional, Exits(atr), signal), null);
    }

    private decimal TargetNotional(decimal price, double atr, decimal cash, decimal equity) => _settings.PositionSizing switch
    {
        PositionSizing.AllIn => cash,
        PositionSizing.FixedAmount => _settings.PositionAmount ?? cash,
        PositionSizing.Atr when atr > 0 && !double.IsNaN(atr) =>
            _settings.RiskPerTrade * equity / (_settings.AtrStopMultiple * (decimal)atr) * price,
        PositionSizing.Atr => 0m,
        _ => (_settings.PositionFraction ?? _settings.MaxPositionSize) * equity,
    };

    private ProtectiveExits Exits(double atr)
    {
        decimal? Atr(decimal? multiple) => multiple is { } m && atr > 0 && !double.IsNaN(atr) ? m * (decimal)atr : null;
        return new ProtectiveExits(Atr(_settings.StopLossAtr), _settings.StopLoss, Atr(_settings.TakeProfitAtr), _settings.TakeProfit, Atr(_settings.TrailingStopAtr), _settings.TrailingStop);
    }

    // Deterministic: the same bot, symbol, bar and action always yield the same id, so an order re-decided after a
    // restart is recognised as the one already stored, never sent twice. A bot raises one signal per symbol and bar.
    private string NextId(Signal signal) => OrderIds.ForSignal(IdPrefix, signal.Symbol, signal.TimeUtc, signal.Action);

    private static (OrderRequest?, RiskRejection?) Reject(RiskRejectionCode code, string message) => (null, new RiskRejection(code, message));
}
