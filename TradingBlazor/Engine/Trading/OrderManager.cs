using TradingBlazor.Domain.Execution;
using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Engine.Trading;

/// <summary>
/// Between a bot's risk engine and its broker. An order is put on record (journal) before it is sent; one the broker
/// may have received but did not confirm (a timeout, a dropped connection) stays pending and is resolved later by its
/// client order id, never sent again. Executions are booked once each (by execution id) into the bot's ledger.
/// Broker events are collected as they happen (they may arrive inside a bar hook) and written by <see cref="FlushAsync"/>.
/// </summary>
public sealed class OrderManager
{
    private readonly IBrokerage _broker;
    private readonly BotLedger _ledger;
    private readonly ITradingJournal _journal;
    private readonly HashSet<string> _executions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _orders = new(StringComparer.Ordinal);
    private readonly List<object> _unsaved = new();

    public OrderManager(IBrokerage broker, BotLedger ledger, ITradingJournal journal)
    {
        _broker = broker;
        _ledger = ledger;
        _journal = journal;
    }

    public IBrokerage Broker => _broker;
    public bool HasUnsaved => _unsaved.Count > 0;

    /// <summary>Executions already booked (after a restart), so a broker that reports them again is ignored.</summary>
    public void Know(IEnumerable<string> executionIds) => _executions.UnionWith(executionIds);

    /// <summary>Orders already on record (after a restart): deciding one of them again never sends it again.</summary>
    public void KnowOrders(IEnumerable<string> clientOrderIds) => _orders.UnionWith(clientOrderIds);

    /// <summary>Stores the order, then sends it. Returns the broker's answer, or null when it is unknown for now.</summary>
    /// <param name="brokerHoldsExits">False when the engine watches the exits itself: the broker gets the order without them.</param>
    public async ValueTask<BrokerOrder?> SubmitAsync(OrderRequest order, decimal decisionPrice, CancellationToken ct = default, bool brokerHoldsExits = true)
    {
        if (!_orders.Add(order.ClientOrderId))
        {
            // Decided before (the same bar after a restart): the broker says what became of it; it is not sent twice.
            var known = await _broker.FindAsync(order.ClientOrderId, ct);
            if (known is not null) OnOrderChanged(known);
            return known;
        }
        _ledger.OrderOpened(order, decisionPrice);
        await _journal.OrderCreatedAsync(order, decisionPrice);
        BrokerOrder placed;
        try
        {
            placed = await _broker.SubmitAsync(brokerHoldsExits ? order : order with { Exits = ProtectiveExits.None }, ct);
        }
        catch (OrderRejectedException ex)
        {
            // Refused outright: it ends now, and its reservation with it.
            OnOrderChanged(new BrokerOrder("", order.ClientOrderId, order.Symbol, order.Side, order.Quantity, order.Notional, 0m, null, OrderStatus.Rejected, null));
            OrderFailed?.Invoke(order, ex);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Unknown outcome: the order stays pending on record; reconciliation finds it by its client order id.
            OrderFailed?.Invoke(order, ex);
            return null;
        }
        OnOrderChanged(placed);
        return placed;
    }

    /// <summary>Raised when a submit's outcome is unknown (the order stays pending until reconciled).</summary>
    public event Action<OrderRequest, Exception>? OrderFailed;

    /// <summary>An execution from the broker: booked once; returns whether it was new.</summary>
    public bool OnFill(Fill fill, int barIndex, decimal markPrice)
    {
        if (!_executions.Add(fill.ExecutionId)) return false;
        var closed = _ledger.Apply(fill, barIndex, markPrice);
        _unsaved.Add(new BookedFill(fill, closed));
        return true;
    }

    public void OnOrderChanged(BrokerOrder order)
    {
        if (order.Status.IsFinal())
            _ledger.OrderEnded(order.ClientOrderId, order.FilledQuantity);
        _unsaved.Add(order);
    }

    /// <summary>Writes what the broker reported since the last flush, in the order it happened.</summary>
    public async ValueTask FlushAsync()
    {
        // Swapped out first: a write may yield, and the broker may report more meanwhile.
        var items = _unsaved.ToArray();
        _unsaved.Clear();
        foreach (var item in items)
        {
            if (item is BookedFill f) await _journal.FillAsync(f.Fill, f.Closed, _ledger);
            else await _journal.OrderChangedAsync((BrokerOrder)item);
        }
    }

    private sealed record BookedFill(Fill Fill, ClosedTrade? Closed);
}
