using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Engine.Events;
using TradingBlazor.Engine.Trading;

namespace TradingBlazor.Services;

/// <summary>A signal waiting for the trader, as the approval queue shows it.</summary>
public sealed record ApprovalCard(
    long Id, string Bot, string Symbol, SignalAction Action, decimal? Quantity, decimal? Notional, decimal Price, double Confidence,
    string Reason, IReadOnlyDictionary<string, double?> Values, DateTime ExpiresUtc);

/// <summary>A decided (or still waiting) item with its audit: who decided, when, their note and what became of it.</summary>
public sealed record ApprovalAudit(
    long Id, long BotId, string Bot, string Symbol, SignalAction Action, decimal Price, double Confidence, string Reason, ApprovalStatus Status,
    DateTime RequestedUtc, DateTime ExpiresUtc, DateTime? DecidedUtc, string? DecidedBy, string? Note, string? Outcome);

/// <summary>The approval queue for the Dashboard, the Bots page and the Approvals page.</summary>
public interface IApprovalsService
{
    /// <summary>Raised (on the publisher's thread) when an item is queued or decided.</summary>
    event Action? Changed;

    Task<IReadOnlyList<ApprovalCard>> PendingAsync(CancellationToken ct = default);

    /// <summary>Every item, newest first, decided or not.</summary>
    Task<IReadOnlyList<ApprovalAudit>> HistoryAsync(int limit, CancellationToken ct = default);

    /// <summary>Approves (everything is checked again first); returns why nothing was sent, or null when the order went out.</summary>
    Task<string?> ApproveAsync(long id, string? note, CancellationToken ct = default);

    /// <summary>Rejects; returns why it could not be, or null.</summary>
    Task<string?> RejectAsync(long id, string? note, CancellationToken ct = default);
}

public sealed class ApprovalsUiService : IApprovalsService, IDisposable
{
    private const string Trader = "trader";
    private readonly IApprovalService _approvals;
    private readonly TradingEventBus _bus;

    public ApprovalsUiService(IApprovalService approvals, TradingEventBus bus)
    {
        (_approvals, _bus) = (approvals, bus);
        _bus.Published += OnPublished;
    }

    public event Action? Changed;

    public async Task<IReadOnlyList<ApprovalCard>> PendingAsync(CancellationToken ct = default) =>
        (await _approvals.ListAsync(new ApprovalFilter(), ct))
        .Select(a => new ApprovalCard(a.Id, a.BotName ?? $"bot {a.BotId}", a.Symbol, a.Action, a.Quantity, a.Notional, a.Price, a.Confidence, a.Reason, a.Values, a.ExpiresUtc))
        .ToList();

    public async Task<IReadOnlyList<ApprovalAudit>> HistoryAsync(int limit, CancellationToken ct = default) =>
        (await _approvals.ListAsync(new ApprovalFilter(Status: null, Limit: limit), ct))
        .Select(a => new ApprovalAudit(a.Id, a.BotId, a.BotName ?? $"bot {a.BotId}", a.Symbol, a.Action, a.Price, a.Confidence, a.Reason, a.Status,
            a.RequestedUtc, a.ExpiresUtc, a.DecidedUtc, a.DecidedBy, a.Note, a.Outcome))
        .ToList();

    public async Task<string?> ApproveAsync(long id, string? note, CancellationToken ct = default) =>
        (await _approvals.ApproveAsync(id, Trader, note, ct)).Problem?.Message;

    public async Task<string?> RejectAsync(long id, string? note, CancellationToken ct = default) =>
        (await _approvals.RejectAsync(id, Trader, note, ct)).Problem?.Message;

    private void OnPublished(TradingEvent e)
    {
        if (e.Kind is TradingEventKind.ApprovalRequested or TradingEventKind.ApprovalResolved) Changed?.Invoke();
    }

    public void Dispose() => _bus.Published -= OnPublished;
}
