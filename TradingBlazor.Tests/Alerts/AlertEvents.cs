using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Events;

namespace TradingBlazor.Tests.Alerts;

/// <summary>Engine event payloads as the pipeline publishes them, for the alert tests.</summary>
internal static class AlertEvents
{
    public static readonly DateTime At = new(2025, 3, 12, 15, 0, 0, DateTimeKind.Utc);

    public static FillUpdate Fill(OrderSide side = OrderSide.Buy, decimal qty = 10m, decimal price = 512.3m, decimal? pnl = null) =>
        new("c-1", "x-1", "SPY", side, qty, price, 0m, At, "signal", pnl);

    public static OrderUpdate Order(OrderStatus status) => new("c-2", "AAPL", OrderSide.Buy, 5m, null, status, 0m, null);

    public static SignalRaised Signal(string? rejection, bool executed = false, bool awaiting = false, string symbol = "SPY") =>
        new(symbol, At, SignalAction.Buy, 0.8, "rsi", new Dictionary<string, double>(), executed, awaiting, rejection, null);

    public static ApprovalUpdate Approval() =>
        new(7, "c-3", "MSFT", SignalAction.Buy, 0.55, 410.25m, "Pending", "confidence below 0.70", At.AddMinutes(5), null, null);

    public static TradingEvent Event(long sequence, TradingEventKind kind, object data, long? bot = 1) => new(sequence, At, kind, bot, data);
}
