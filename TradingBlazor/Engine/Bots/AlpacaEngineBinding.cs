using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TradingBlazor.Adapters.Alpaca;
using TradingBlazor.Adapters.Simulated;
using TradingBlazor.Data;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Brokerage;

namespace TradingBlazor.Engine.Bots;

/// <summary>
/// Hooks the engine into each Alpaca session before it connects: every execution already stored is made known (so
/// reconciliation never raises it again) and reconciliation starts from the last stored fill; then fills and order
/// reports go to the bot that placed them (by client order id) and the session's minute bars to the bots trading on it.
/// </summary>
public static class AlpacaEngineBinding
{
    public static void Bind(BrokerConnection brokers, BotRuntime runtime, IDbContextFactory<TradingDbContext> db, IMarketCalendar calendar, TimeProvider clock)
    {
        runtime.Live = () => brokers.Alpaca is { } s ? new LiveVenue(s.Brokerage, s.MarketData, new AlpacaSessionBars(s.Data, calendar), clock) : null;
        brokers.SessionOpening += session => Hook(session, runtime, db);
    }

    private static void Hook(AlpacaSession session, BotRuntime runtime, IDbContextFactory<TradingDbContext> db)
    {
        using (var context = db.CreateDbContext())
        {
            // Only what a real broker executed: the simulated broker's fills and orders are none of Alpaca's business.
            var sim = SimulatedBroker.ExecutionPrefix;
            var stored = context.Fills.Where(f => f.ExecutionId != null && !f.ExecutionId.StartsWith(sim)).Select(f => new { f.ExecutionId, f.FilledAt }).ToList();
            foreach (var f in stored)
                if (Parse(f.ExecutionId!) is { } e) session.Brokerage.KnowExecution(e.OrderId, e.Cumulative);
            // From the last stored fill, or from the first order whose fills may not all be stored (in flight at a
            // crash, or filled while the stream was down): its executions may be older than that fill.
            var doubtful = context.Orders.Where(o => (o.BrokerOrderId == null || !o.BrokerOrderId.StartsWith(sim)) && !context.Bots.Any(b => b.Id == o.BotId && b.IsDemo))
                .Where(o => o.Status == OrderStatus.Pending || o.Status == OrderStatus.Accepted || o.Status == OrderStatus.PartiallyFilled
                    || o.FilledQuantity > o.Fills.Sum(f => f.Quantity))
                .Select(o => o.CreatedAt).ToList();
            DateTime? from = stored.Count > 0 ? stored.Max(f => f.FilledAt) : null;
            if (doubtful.Count > 0 && (from is null || doubtful.Min() < from)) from = doubtful.Min();
            if (from is { } start) session.Brokerage.ReconcileFromUtc = start;
        }
        session.Brokerage.Filled += runtime.Route;
        session.Brokerage.OrderChanged += runtime.Route;
        session.MarketData.BarUpdated += update => runtime.Deliver(session.MarketData, update);
    }

    // "{alpaca order id}:{cumulative qty}", as AlpacaBrokerage.ExecutionId writes it; simulated fills have none.
    private static (string OrderId, decimal Cumulative)? Parse(string executionId)
    {
        int colon = executionId.LastIndexOf(':');
        return colon > 0 && decimal.TryParse(executionId.AsSpan(colon + 1), NumberStyles.Number, CultureInfo.InvariantCulture, out var cum)
            ? (executionId[..colon], cum) : null;
    }
}
