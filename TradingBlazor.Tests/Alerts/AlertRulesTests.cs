using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Alerts;
using TradingBlazor.Engine.Events;
using static TradingBlazor.Tests.Alerts.AlertEvents;

namespace TradingBlazor.Tests.Alerts;

public sealed class AlertRulesTests
{
    private static AlertDraft? Map(TradingEventKind kind, object data) => AlertRules.From(Event(1, kind, data));

    [Fact]
    public void A_buy_fill_is_info_and_a_winning_sell_is_success()
    {
        Assert.Equal(new AlertDraft(AlertSeverity.Info, AlertKind.Fill, "Bought 10 SPY", "Bought 10 SPY at 512.30 (signal)"),
            Map(TradingEventKind.Fill, Fill()));
        var sell = Map(TradingEventKind.Fill, Fill(OrderSide.Sell, 2.5m, 1234.5m, 12.5m))!;
        Assert.Equal((AlertSeverity.Success, "Sold 2.5 SPY", "Sold 2.5 SPY at 1,234.50 · P&L +12.50 (signal)"), (sell.Severity, sell.Title, sell.Message));
        Assert.Equal(AlertSeverity.Info, Map(TradingEventKind.Fill, Fill(OrderSide.Sell, pnl: -3m))!.Severity);
        Assert.Contains("P&L -3.00", Map(TradingEventKind.Fill, Fill(OrderSide.Sell, pnl: -3m))!.Message);
    }

    [Fact]
    public void Only_a_rejected_order_alerts()
    {
        var rejected = Map(TradingEventKind.OrderChanged, Order(OrderStatus.Rejected))!;
        Assert.Equal((AlertSeverity.Error, AlertKind.OrderRejected, "Order rejected: Buy AAPL"), (rejected.Severity, rejected.Kind, rejected.Title));
        Assert.Equal("The broker rejected a buy of 5 AAPL (c-2).", rejected.Message);
        Assert.Null(Map(TradingEventKind.OrderChanged, Order(OrderStatus.Accepted)));
        Assert.Null(Map(TradingEventKind.OrderChanged, Order(OrderStatus.Filled)));
        Assert.Null(Map(TradingEventKind.OrderSubmitted, Order(OrderStatus.Pending)));
    }

    [Fact]
    public void A_refused_signal_warns_with_the_reason_and_a_taken_or_waiting_one_does_not()
    {
        Assert.Equal(new AlertDraft(AlertSeverity.Warning, AlertKind.SignalRefused, "Signal refused: Buy SPY", "Not enough cash."),
            Map(TradingEventKind.SignalRaised, Signal("Not enough cash.")));
        Assert.Null(Map(TradingEventKind.SignalRaised, Signal(null, executed: true)));
        Assert.Null(Map(TradingEventKind.SignalRaised, Signal(null, awaiting: true)));
    }

    [Fact]
    public void Halts_the_kill_switch_approvals_and_bot_errors()
    {
        Assert.Equal(new AlertDraft(AlertSeverity.Error, AlertKind.RiskHalt, "Trading halted", "Daily loss limit reached."),
            Map(TradingEventKind.RiskHalt, new RiskHaltUpdate("Daily loss limit reached.")));
        Assert.Null(Map(TradingEventKind.RiskHalt, new RiskHaltUpdate(TradingBlazor.Engine.Bots.KillSwitch.HaltReason))); // said once, below
        var engaged = Map(TradingEventKind.KillSwitch, new KillSwitchUpdate(true, "trader", true))!;
        Assert.Equal((AlertSeverity.Error, "Kill switch engaged"), (engaged.Severity, engaged.Title));
        Assert.Contains("positions flattened", engaged.Message);
        Assert.Equal(AlertSeverity.Info, Map(TradingEventKind.KillSwitch, new KillSwitchUpdate(false, "trader", false))!.Severity);
        var approval = Map(TradingEventKind.ApprovalRequested, Approval())!;
        Assert.Equal((AlertSeverity.Warning, AlertKind.ApprovalWaiting, "Approval waiting: Buy MSFT"), (approval.Severity, approval.Kind, approval.Title));
        Assert.Equal("Buy MSFT at 410.25 (confidence 0.55) waits until 11:05 ET: confidence below 0.70", approval.Message);
        Assert.Null(Map(TradingEventKind.ApprovalResolved, Approval()));
        Assert.Equal(new AlertDraft(AlertSeverity.Error, AlertKind.BotError, "Bot failed: Momentum", "feed lost"),
            Map(TradingEventKind.BotStatusChanged, new BotStatusUpdate("Momentum", BotStatus.Error, "feed lost")));
        Assert.Null(Map(TradingEventKind.BotStatusChanged, new BotStatusUpdate("Momentum", BotStatus.Running, null)));
        Assert.Null(Map(TradingEventKind.PositionChanged, new PositionUpdate("SPY", 1m, 1m, 1m)));
    }
}
