using TradingBlazor.Domain.Risk;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Tests.Backtesting;

/// <summary>The journal's risk checks: the risk engine's order, the one that failed, and the ones it never reached.</summary>
public sealed class RiskChecksTests
{
    private static readonly RiskSettings Risk = new() { MaxOpenPositions = 2, MaxDailyLoss = 0.03m, MaxExposure = 0.8m, MaxPositionSize = 0.5m };

    [Fact]
    public void An_executed_entry_passed_every_check_in_the_engines_order_with_its_limits()
    {
        var checks = RiskChecks.For(SignalAction.Buy, Risk, new TradingWindow { Start = "09:30", End = "15:00" }, failed: null);
        Assert.Equal(new[]
        {
            RiskRejectionCode.OutsideTradingWindow, RiskRejectionCode.BotHalted, RiskRejectionCode.DailyLossLimit, RiskRejectionCode.MaxDrawdown,
            RiskRejectionCode.AlreadyInPosition, RiskRejectionCode.MaxOpenPositions, RiskRejectionCode.ExposureLimit, RiskRejectionCode.InsufficientCash,
        }, checks.Select(c => c.Code));
        Assert.All(checks, c => Assert.Equal(RiskCheckState.Passed, c.State));
        Assert.Equal("09:30–15:00 ET", checks[0].Limit);
        Assert.Equal("3% of the session's starting equity", checks[2].Limit);
        Assert.Equal("none", checks[3].Limit);
        Assert.Equal("at most 2", checks[5].Limit);
    }

    [Fact]
    public void A_refusal_fails_its_check_and_leaves_the_later_ones_unreached()
    {
        var checks = RiskChecks.For(SignalAction.Buy, Risk, null, RiskRejectionCode.MaxOpenPositions);
        Assert.Equal(RiskCheckState.Passed, checks.Single(c => c.Code == RiskRejectionCode.AlreadyInPosition).State);
        Assert.Equal(RiskCheckState.Failed, checks.Single(c => c.Code == RiskRejectionCode.MaxOpenPositions).State);
        Assert.Equal(RiskCheckState.NotReached, checks.Single(c => c.Code == RiskRejectionCode.InsufficientCash).State);
        Assert.Equal("any time", checks[0].Limit);
    }

    [Fact]
    public void A_refusal_from_outside_the_engine_comes_first_and_a_sale_has_one_check()
    {
        var paused = RiskChecks.For(SignalAction.Buy, Risk, null, RiskRejectionCode.BotPaused);
        Assert.Equal((RiskRejectionCode.BotPaused, RiskCheckState.Failed), (paused[0].Code, paused[0].State));
        Assert.All(paused.Skip(1), c => Assert.Equal(RiskCheckState.NotReached, c.State));

        var sale = Assert.Single(RiskChecks.For(SignalAction.Sell, Risk, null, null));
        Assert.Equal((RiskRejectionCode.NoPosition, RiskCheckState.Passed), (sale.Code, sale.State));
    }

    [Theory]
    [InlineData("InsufficientCash: Cash 3.20 cannot buy one whole TEST share", RiskRejectionCode.InsufficientCash)]
    [InlineData("refused by trader: PriceDrift: the price moved 1.50%", RiskRejectionCode.PriceDrift)]
    [InlineData("approved by trader: sent", null)]
    [InlineData("executed", null)]
    [InlineData(null, null)]
    public void The_code_is_read_from_a_stored_outcome(string? outcome, RiskRejectionCode? code) => Assert.Equal(code, RiskChecks.CodeOf(outcome));
}
