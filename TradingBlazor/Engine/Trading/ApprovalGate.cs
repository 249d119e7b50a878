using TradingBlazor.Domain.Execution;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Risk;
using TradingBlazor.Domain.Strategies;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Time;
using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Engine.Trading;

/// <summary>What the execution gate does with a signal that passed risk.</summary>
public enum GateVerdict
{
    Execute,
    /// <summary>Into the approval queue.</summary>
    Wait,
    /// <summary>Stored, not acted on (hybrid, below the approval threshold).</summary>
    Ignore,
}

/// <summary>
/// The execution gate and the signals waiting behind it. Auto executes; manual sends every entry and strategy exit to
/// the trader; hybrid executes at or above the auto threshold, asks at or above the approval threshold, and only
/// stores the rest. A waiting item expires after the approval timeout and, for an entry, at the end of the trading
/// window. Protective exits (stops, targets, flattening, halts) never come through here.
/// </summary>
public sealed class ApprovalGate
{
    private readonly ExecutionSettings _settings;
    private readonly bool _approveAll;
    private readonly EntryWindow? _window;
    private readonly Dictionary<string, ApprovalRequest> _pending = new(StringComparer.Ordinal);

    public ApprovalGate(ExecutionSettings settings, bool approveAll, EntryWindow? window)
    {
        _settings = settings;
        _approveAll = approveAll;
        _window = window;
    }

    public IReadOnlyCollection<ApprovalRequest> Pending => _pending.Values;

    /// <summary>The earliest expiry among the waiting items (MaxValue when none wait).</summary>
    public DateTime NextExpiry { get; private set; } = DateTime.MaxValue;

    public (GateVerdict Verdict, string Reason) Judge(Signal signal)
    {
        if (_approveAll) return (GateVerdict.Execute, "");
        double c = signal.Confidence, auto = _settings.EffectiveAutoThreshold, ask = _settings.EffectiveApprovalThreshold;
        return _settings.Mode switch
        {
            ExecutionMode.Auto => (GateVerdict.Execute, ""),
            ExecutionMode.Manual => (GateVerdict.Wait, "manual mode: every entry and strategy exit waits for the trader"),
            _ when c >= auto => (GateVerdict.Execute, ""),
            _ when c >= ask => (GateVerdict.Wait, FormattableString.Invariant($"confidence {c:0.00} is below the auto threshold {auto:0.00}")),
            _ => (GateVerdict.Ignore, FormattableString.Invariant($"confidence {c:0.00} is below the approval threshold {ask:0.00}: stored, not acted on")),
        };
    }

    /// <summary>Whether a signal of this kind for this symbol already waits (a rule that keeps firing asks once).</summary>
    public bool IsWaiting(string symbol, SignalAction action) => _pending.Values.Any(r => r.Order.Symbol == symbol && r.Signal.Action == action);

    /// <summary>Queues an order for the trader, decided at <paramref name="price"/> on the bar that ended at <paramref name="decidedUtc"/>.</summary>
    public ApprovalRequest Hold(OrderRequest order, decimal price, string reason, DateTime decidedUtc)
    {
        var expires = decidedUtc.AddMinutes(_settings.ApprovalTimeoutMinutes);
        if (order.Side == OrderSide.Buy && _window is { } w)
        {
            var windowEnd = MarketTime.ToUtc(MarketTime.EasternDate(order.Signal!.TimeUtc), w.End);
            if (windowEnd < expires) expires = windowEnd;
        }
        var request = new ApprovalRequest(order, price, reason, decidedUtc, expires);
        Restore(request);
        return request;
    }

    /// <summary>Puts back an item that was waiting before a restart.</summary>
    public void Restore(ApprovalRequest request)
    {
        _pending[request.ClientOrderId] = request;
        if (request.ExpiresUtc < NextExpiry) NextExpiry = request.ExpiresUtc;
    }

    /// <summary>Takes a waiting item out of the queue (to decide it); false when it is not waiting.</summary>
    public bool TryTake(string clientOrderId, out ApprovalRequest request)
    {
        bool taken = _pending.Remove(clientOrderId, out request!);
        if (taken) NextExpiry = _pending.Count == 0 ? DateTime.MaxValue : _pending.Values.Min(r => r.ExpiresUtc);
        return taken;
    }

    /// <summary>Takes every item that has expired by <paramref name="nowUtc"/>.</summary>
    public List<ApprovalRequest> TakeExpired(DateTime nowUtc)
    {
        var expired = _pending.Values.Where(r => r.ExpiresUtc <= nowUtc).ToList();
        foreach (var r in expired) TryTake(r.ClientOrderId, out _);
        return expired;
    }
}
