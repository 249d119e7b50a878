using TradingBlazor.Adapters.Alpaca.Streaming;
using TradingBlazor.Domain.Execution;
using TradingBlazor.Domain.Time;
using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Adapters.Alpaca;

/// <summary>
/// An Alpaca account behind <see cref="IBrokerage"/>. Orders go out exactly once (client_order_id, see
/// <see cref="AlpacaTradingClient.SubmitOrderAsync"/>). Executions arrive from the trade_updates stream; because Alpaca
/// never replays that stream, every (re)connect first reconciles over REST: FILL activities since the gap began (this
/// finds fills of orders submitted long before, e.g. a GTC limit), then the orders themselves (a fill the activity feed
/// has not listed yet is derived from the order's cumulative quantity and average price), then positions.
/// Each execution is identified by (order id, cumulative quantity after it), so the stream, the activities and the
/// order totals can report the same execution in any order and it is still raised exactly once.
/// Protective exits are not sent as Alpaca legs: they are distances resolved at the fill price, which the engine tracks.
/// </summary>
public sealed class AlpacaBrokerage : IBrokerage, IAsyncDisposable
{
    private static readonly TimeSpan SkewMargin = TimeSpan.FromMinutes(2);
    private readonly AlpacaTradingClient _client;
    private readonly AlpacaTradingStream _stream;
    private readonly TimeProvider _clock;
    private readonly ILogger<AlpacaBrokerage> _log;
    private readonly object _gate = new();
    private readonly Dictionary<string, OrderExecutions> _executions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _reconciling = new(1, 1);

    public AlpacaBrokerage(AlpacaTradingClient client, AlpacaTradingStream stream, bool paper, TimeProvider clock, ILogger<AlpacaBrokerage> log)
    {
        _client = client;
        _stream = stream;
        _clock = clock;
        _log = log;
        Name = paper ? "Alpaca paper" : "Alpaca live";
        ReconcileFromUtc = clock.UtcNow();
        _stream.TradeUpdated += OnTradeUpdate;
        _stream.ConnectedHandler = (gapStart, ct) => ReconcileAsync(gapStart ?? ReconcileFromUtc, ct);
    }

    public string Name { get; }
    public bool IsSimulated => false;
    public AlpacaTradingStream Stream => _stream;

    /// <summary>Where the first connection's reconciliation starts (the engine sets it from its last stored fill).</summary>
    public DateTime ReconcileFromUtc { get; set; }
    /// <summary>Executions that were found by reconciliation rather than the stream.</summary>
    public int ReconciledFills { get; private set; }
    public DateTime? LastReconciledUtc { get; private set; }

    public event Action<Fill>? Filled;
    public event Action<BrokerOrder>? OrderChanged;
    public event Action<IReadOnlyList<BrokerPosition>>? PositionsSynced;

    public void Start() => _stream.Start();

    /// <summary>Tells the brokerage about an execution already recorded (after a restart), so it is never raised again.</summary>
    public void KnowExecution(string alpacaOrderId, decimal cumulativeQty)
    {
        lock (_gate) Executions(alpacaOrderId).Seen.Add(cumulativeQty);
    }

    public async Task<BrokerAccount> GetAccountAsync(CancellationToken ct = default)
    {
        var a = await _client.GetAccountAsync(ct) ?? throw new AlpacaApiException(200, null, "empty account answer");
        return new BrokerAccount(a.Status, a.Cash ?? 0, a.Equity ?? 0, a.BuyingPower ?? 0);
    }

    public async Task<IReadOnlyList<BrokerPosition>> GetPositionsAsync(CancellationToken ct = default) =>
        (await _client.GetPositionsAsync(ct)).Select(p => new BrokerPosition(p.Symbol, p.Qty, p.AvgEntryPrice, p.CurrentPrice)).ToList();

    public async Task<BrokerOrder> SubmitAsync(OrderRequest order, CancellationToken ct = default)
    {
        try
        {
            return await PlaceAsync(order, ct);
        }
        catch (AlpacaApiException ex) when (ex.Status is >= 400 and < 500 and not 429 && !ex.IsDuplicateClientOrderId)
        {
            // A definite answer: the order does not exist at Alpaca (429 and timeouts stay unknown and are looked up later).
            throw new OrderRejectedException(order.ClientOrderId, ex.Message, ex);
        }
    }

    private async Task<BrokerOrder> PlaceAsync(OrderRequest order, CancellationToken ct)
    {
        var placed = await _client.SubmitOrderAsync(new AlpacaOrderRequest
        {
            Symbol = order.Symbol, Qty = order.Quantity, Notional = order.Notional, Side = order.Side == OrderSide.Buy ? "buy" : "sell",
            Type = "market", TimeInForce = "day", ClientOrderId = order.ClientOrderId,
        }, ct);
        return ToBrokerOrder(placed);
    }

    public async Task<BrokerOrder?> FindAsync(string clientOrderId, CancellationToken ct = default) =>
        await _client.GetOrderByClientIdAsync(clientOrderId, ct) is { } o ? ToBrokerOrder(o) : null;

    public async Task CancelAsync(string clientOrderId, CancellationToken ct = default)
    {
        var order = await _client.GetOrderByClientIdAsync(clientOrderId, ct) ?? throw new AlpacaApiException(404, 40410000, $"no order with client_order_id {clientOrderId}");
        await _client.CancelOrderAsync(order.Id, ct);
    }

    /// <summary>Catches up on everything since <paramref name="sinceUtc"/>: executions, order states, positions.</summary>
    public async Task ReconcileAsync(DateTime sinceUtc, CancellationToken ct = default)
    {
        await _reconciling.WaitAsync(ct);
        try
        {
            var from = sinceUtc - SkewMargin;
            int found = 0;
            var orders = new Dictionary<string, AlpacaOrder>(StringComparer.Ordinal);
            foreach (var o in await _client.GetOrdersAsync("all", after: from, ascending: true, ct: ct)) orders[o.Id] = o;
            foreach (var a in await _client.GetFillActivitiesAsync(from, ct))
            {
                if (a.OrderId is null || a.CumQty is not { } cum || a.Qty is not { } qty || a.Price is not { } price) continue;
                if (!orders.TryGetValue(a.OrderId, out var order))
                    orders[a.OrderId] = order = await _client.GetOrderAsync(a.OrderId, ct) ?? new AlpacaOrder { Id = a.OrderId, Symbol = a.Symbol ?? "", Side = a.Side ?? "" };
                if (Report(order, cum, qty, price, a.TransactionTime ?? _clock.UtcNow(), "reconciled")) found++;
            }
            foreach (var order in orders.Values)
            {
                OrderChanged?.Invoke(ToBrokerOrder(order));
                if (ReportRemainder(order)) found++;
            }
            ReconciledFills += found;
            LastReconciledUtc = _clock.UtcNow();
            if (found > 0) _log.LogWarning("Reconciliation found {Count} executions the stream did not deliver", found);
            PositionsSynced?.Invoke(await GetPositionsAsync(ct));
        }
        finally
        {
            _reconciling.Release();
        }
    }

    private void OnTradeUpdate(AlpacaTradeUpdate update)
    {
        if (update.IsFill && update.Qty is { } qty && update.Price is { } price)
            Report(update.Order, update.Order.FilledQty, qty, price, update.Timestamp ?? _clock.UtcNow(), "stream");
        OrderChanged?.Invoke(ToBrokerOrder(update.Order));
    }

    private bool Report(AlpacaOrder order, decimal cumulativeQty, decimal qty, decimal price, DateTime timeUtc, string source)
    {
        lock (_gate)
        {
            var seen = Executions(order.Id);
            if (cumulativeQty <= 0 || !seen.Seen.Add(cumulativeQty)) return false;
            seen.Quantity += qty;
            seen.Notional += qty * price;
        }
        Filled?.Invoke(new Fill(order.ClientOrderId, ExecutionId(order.Id, cumulativeQty), order.Symbol, order.Side == "sell" ? OrderSide.Sell : OrderSide.Buy, qty, price, 0m, timeUtc, source));
        return true;
    }

    // The order says more was filled than any execution we know of: the rest, at the price that makes the average right.
    private bool ReportRemainder(AlpacaOrder order)
    {
        decimal missing, price;
        lock (_gate)
        {
            var known = Executions(order.Id);
            missing = order.FilledQty - known.Quantity;
            if (missing <= 0 || order.FilledAvgPrice is not { } avg || known.Seen.Contains(order.FilledQty)) return false;
            price = decimal.Round((avg * order.FilledQty - known.Notional) / missing, 6);
        }
        return Report(order, order.FilledQty, missing, price, order.FilledAt ?? order.UpdatedAt ?? _clock.UtcNow(), "reconciled");
    }

    /// <summary>An execution's identity: the order and its cumulative quantity after it ("3" and "3.0" are the same).</summary>
    public static string ExecutionId(string alpacaOrderId, decimal cumulativeQty) =>
        $"{alpacaOrderId}:{cumulativeQty.ToString("0.#########", System.Globalization.CultureInfo.InvariantCulture)}";

    private OrderExecutions Executions(string orderId)
    {
        if (!_executions.TryGetValue(orderId, out var e)) _executions[orderId] = e = new OrderExecutions();
        return e;
    }

    public static BrokerOrder ToBrokerOrder(AlpacaOrder o) => new(
        o.Id, o.ClientOrderId, o.Symbol, o.Side == "sell" ? OrderSide.Sell : OrderSide.Buy, o.Qty, o.Notional, o.FilledQty, o.FilledAvgPrice, MapStatus(o.Status), o.SubmittedAt);

    /// <summary>Alpaca's many states onto ours; states Alpaca adds later count as still working.</summary>
    public static OrderStatus MapStatus(string status) => status switch
    {
        "filled" => OrderStatus.Filled,
        "partially_filled" => OrderStatus.PartiallyFilled,
        "canceled" or "replaced" => OrderStatus.Canceled,
        "rejected" => OrderStatus.Rejected,
        "expired" => OrderStatus.Expired,
        _ => OrderStatus.Accepted,
    };

    public async ValueTask DisposeAsync()
    {
        _stream.TradeUpdated -= OnTradeUpdate;
        await _stream.StopAsync();
        _reconciling.Dispose();
    }

    private sealed class OrderExecutions
    {
        public HashSet<decimal> Seen { get; } = new();
        public decimal Quantity { get; set; }
        public decimal Notional { get; set; }
    }
}
