using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Trading;

namespace TradingBlazor.Engine.Bots;

/// <summary>A waiting (or decided) signal as the API and the UI show it.</summary>
public sealed record ApprovalView(
    long Id, long BotId, string? BotName, string ClientOrderId, string Symbol, SignalAction Action, decimal? Quantity, decimal? Notional,
    decimal Price, double Confidence, string Reason, IReadOnlyDictionary<string, double?> Values, ApprovalStatus Status,
    DateTime RequestedUtc, DateTime ExpiresUtc, DateTime? DecidedUtc, string? DecidedBy, string? Note, string? Outcome);

public sealed record ApprovalFilter(long? BotId = null, ApprovalStatus? Status = ApprovalStatus.Pending, int Limit = 200);

/// <summary>An approval operation's answer: the item after it, or the problem (not found, already decided, refused...).</summary>
public sealed record ApprovalResult(ApprovalView? Approval, BotProblem? Problem)
{
    public bool Ok => Problem is null;
}

/// <summary>The approval queue: manual and hybrid signals waiting for the trader.</summary>
public interface IApprovalService
{
    Task<IReadOnlyList<ApprovalView>> ListAsync(ApprovalFilter filter, CancellationToken ct = default);

    Task<ApprovalView?> GetAsync(long id, CancellationToken ct = default);

    /// <summary>Checks the item again (risk, window, position, price drift) and sends its order, or refuses with the reason.</summary>
    Task<ApprovalResult> ApproveAsync(long id, string by, string? note, CancellationToken ct = default);

    Task<ApprovalResult> RejectAsync(long id, string by, string? note, CancellationToken ct = default);

    Task<int> PendingCountAsync(CancellationToken ct = default);
}
