using System.Globalization;
using TradingBlazor.Domain.Time;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Engine.Events;

namespace TradingBlazor.Engine.Alerts;

/// <summary>Which engine events become alerts, and how they read. Everything else (positions, submissions...) stays quiet.</summary>
public static class AlertRules
{
    public static AlertDraft? From(TradingEvent e) => e.Data switch
    {
        FillUpdate f => Fill(f),
        OrderUpdate { Status: OrderStatus.Rejected } o when e.Kind == TradingEventKind.OrderChanged =>
            new(AlertSeverity.Error, AlertKind.OrderRejected, $"Order rejected: {o.Side} {o.Symbol}",
                $"The broker rejected {Describe(o.Side)} {Amount(o.Quantity, o.Notional)} {o.Symbol} ({o.ClientOrderId})."),
        SignalRaised { Executed: false, AwaitingApproval: false, Rejection: { } why } s =>
            new(AlertSeverity.Warning, AlertKind.SignalRefused, $"Signal refused: {s.Action} {s.Symbol}", why),
        // Each bot's kill switch halt is said once for all of them, by the kill switch's own alert.
        RiskHaltUpdate h when h.Reason != KillSwitch.HaltReason => new(AlertSeverity.Error, AlertKind.RiskHalt, "Trading halted", h.Reason),
        KillSwitchUpdate { Engaged: true } k => new(AlertSeverity.Error, AlertKind.KillSwitch, "Kill switch engaged",
            $"Engaged by {k.By}: open orders canceled, every bot halted{(k.Flattened ? ", positions flattened" : "")}."),
        KillSwitchUpdate k => new(AlertSeverity.Info, AlertKind.KillSwitch, "Kill switch re-armed", $"Re-armed by {k.By}: bots may trade again."),
        ApprovalUpdate a when e.Kind == TradingEventKind.ApprovalRequested => new(AlertSeverity.Warning, AlertKind.ApprovalWaiting,
            $"Approval waiting: {a.Action} {a.Symbol}",
            $"{a.Action} {a.Symbol} at {Price(a.Price)} (confidence {a.Confidence.ToString("0.00", CultureInfo.InvariantCulture)}) waits until {MarketTime.ToEastern(a.ExpiresUtc).ToString("HH:mm 'ET'", CultureInfo.InvariantCulture)}: {a.Reason}"),
        BotStatusUpdate { Status: BotStatus.Error } b => new(AlertSeverity.Error, AlertKind.BotError, $"Bot failed: {b.Name}", b.Reason ?? "The bot stopped on an error."),
        _ => null,
    };

    private static AlertDraft Fill(FillUpdate f)
    {
        var pnl = f.RealizedPnl is { } p ? $" · P&L {(p >= 0 ? "+" : "")}{Price(p)}" : "";
        var severity = f.RealizedPnl is > 0 ? AlertSeverity.Success : AlertSeverity.Info;
        var verb = f.Side == OrderSide.Buy ? "Bought" : "Sold";
        return new(severity, AlertKind.Fill, $"{verb} {Quantity(f.Quantity)} {f.Symbol}",
            $"{verb} {Quantity(f.Quantity)} {f.Symbol} at {Price(f.Price)}{pnl}{(string.IsNullOrEmpty(f.Reason) ? "" : $" ({f.Reason})")}");
    }

    private static string Describe(OrderSide side) => side == OrderSide.Buy ? "a buy of" : "a sell of";

    private static string Amount(decimal? quantity, decimal? notional) =>
        quantity is { } q ? Quantity(q) : notional is { } n ? "$" + Price(n) + " of" : "";

    private static string Quantity(decimal q) => q.ToString("0.######", CultureInfo.InvariantCulture);

    private static string Price(decimal p) => p.ToString("#,0.00##", CultureInfo.InvariantCulture);
}
