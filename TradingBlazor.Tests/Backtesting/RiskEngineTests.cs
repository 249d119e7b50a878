using TradingBlazor.Domain.Execution;
using TradingBlazor.Domain.Risk;
using TradingBlazor.Domain.Strategies;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Tests.Backtesting;

public class RiskEngineTests
{
    private static readonly DateTime T = new(2026, 11, 23, 15, 0, 0, DateTimeKind.Utc);
    private static Signal Buy(string symbol = "SPY") => new(symbol, T, SignalAction.Buy, 1, "test", new Dictionary<string, double>());
    private static Signal Sell(string symbol = "SPY") => new(symbol, T, SignalAction.Sell, 1, "test", new Dictionary<string, double>());

    [Fact]
    public void Fixed_fraction_is_capped_by_position_size_exposure_and_cash()
    {
        var engine = new RiskEngine(new RiskSettings { PositionFraction = 0.5m, MaxPositionSize = 0.25m, MaxExposure = 0.8m });
        var (order, _) = engine.Evaluate(Buy(), new AccountView(10_000m, 10_000m, 0m, 0, 0m), 100m, 1.0);
        Assert.Equal(2_500m, order!.Notional); // capped at 25% of equity
        (order, _) = engine.Evaluate(Buy(), new AccountView(1_000m, 10_000m, 7_500m, 1, 0m), 100m, 1.0);
        Assert.Equal(500m, order!.Notional); // exposure room 8,000 - 7,500
    }

    [Fact]
    public void Zero_leverage_counts_fees()
    {
        var engine = new RiskEngine(new RiskSettings { PositionSizing = PositionSizing.AllIn }, new CommissionModel(PerOrder: 5m, Percent: 0.001m));
        var (order, _) = engine.Evaluate(Buy(), new AccountView(1_000m, 1_000m, 0m, 0, 0m), 10m, 1.0);
        Assert.True(order!.Notional + 5m + order.Notional * 0.001m <= 1_000m);
    }

    [Fact]
    public void Zero_leverage_keeps_back_the_cost_of_closing()
    {
        var fees = new CommissionModel(PerOrder: 2m, PerShare: 0.02m, Percent: 0.001m);
        var engine = new RiskEngine(new RiskSettings { PositionSizing = PositionSizing.AllIn, FractionalShares = true }, fees);
        var (order, _) = engine.Evaluate(Buy(), new AccountView(1_000m, 1_000m, 0m, 0, 0m), 10m, 1.0);
        decimal notional = order!.Notional!.Value;
        Assert.True(notional + fees.ForNotional(notional) + fees.ToClose(notional / 10m) <= 1_000m);
        // Cash that only pays for the fees buys nothing.
        (order, var rejection) = engine.Evaluate(Buy(), new AccountView(4m, 1_000m, 996m, 0, 0m), 10m, 1.0);
        Assert.Null(order);
        Assert.Equal(RiskRejectionCode.InsufficientCash, rejection!.Code);
    }

    [Theory]
    [InlineData(RiskRejectionCode.AlreadyInPosition)]
    [InlineData(RiskRejectionCode.MaxOpenPositions)]
    [InlineData(RiskRejectionCode.InsufficientCash)]
    [InlineData(RiskRejectionCode.NoPosition)]
    public void Refusals_carry_a_code_and_a_message(RiskRejectionCode code)
    {
        var engine = new RiskEngine(new RiskSettings { MaxOpenPositions = 2, PositionSizing = PositionSizing.AllIn });
        var (order, rejection) = code switch
        {
            RiskRejectionCode.AlreadyInPosition => engine.Evaluate(Buy(), new AccountView(5_000m, 10_000m, 5_000m, 1, 10m), 100m, 1),
            RiskRejectionCode.MaxOpenPositions => engine.Evaluate(Buy(), new AccountView(5_000m, 10_000m, 5_000m, 2, 0m), 100m, 1),
            RiskRejectionCode.InsufficientCash => engine.Evaluate(Buy(), new AccountView(50m, 10_000m, 9_950m, 1, 0m), 100m, 1),
            _ => engine.Evaluate(Sell(), new AccountView(5_000m, 10_000m, 0m, 0, 0m), 100m, 1),
        };
        Assert.Null(order);
        Assert.Equal(code, rejection!.Code);
        Assert.False(string.IsNullOrWhiteSpace(rejection.Message));
    }

    [Fact]
    public void The_daily_loss_limit_halts_entries_until_the_next_session_but_exits_still_pass()
    {
        var engine = new RiskEngine(new RiskSettings { MaxDailyLoss = 0.05m });
        engine.State.Mark(new DateOnly(2026, 11, 23), 10_000m);
        engine.State.Mark(new DateOnly(2026, 11, 23), 9_400m);
        var (order, rejection) = engine.Evaluate(Buy(), new AccountView(9_400m, 9_400m, 0m, 0, 0m), 100m, 1);
        Assert.Null(order);
        Assert.Equal(RiskRejectionCode.DailyLossLimit, rejection!.Code);
        Assert.NotNull(engine.Evaluate(Sell(), new AccountView(0m, 9_400m, 9_400m, 1, 94m), 100m, 1).Order);

        engine.State.Mark(new DateOnly(2026, 11, 24), 9_400m); // next session
        Assert.NotNull(engine.Evaluate(Buy(), new AccountView(9_400m, 9_400m, 0m, 0, 0m), 100m, 1).Order);
    }

    [Fact]
    public void The_drawdown_limit_halts_the_bot_reduce_only()
    {
        var engine = new RiskEngine(new RiskSettings { MaxDrawdown = 0.2m });
        engine.State.Mark(new DateOnly(2026, 11, 23), 10_000m);
        engine.State.Mark(new DateOnly(2026, 11, 24), 7_900m);
        Assert.Equal(RiskRejectionCode.MaxDrawdown, engine.Evaluate(Buy(), new AccountView(7_900m, 7_900m, 0m, 0, 0m), 100m, 1).Rejection!.Code);
        Assert.Equal(RiskRejectionCode.BotHalted, engine.Evaluate(Buy(), new AccountView(7_900m, 7_900m, 0m, 0, 0m), 100m, 1).Rejection!.Code);
        Assert.NotNull(engine.Evaluate(Sell(), new AccountView(0m, 7_900m, 7_900m, 1, 79m), 100m, 1).Order);
    }
}
