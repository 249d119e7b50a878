using Microsoft.EntityFrameworkCore;
using TradingBlazor.Data;
using TradingBlazor.Data.Entities;
using TradingBlazor.Engine.Trading;

namespace TradingBlazor.Engine.Bots;

/// <summary>
/// The approval queue over the store and the running bots. A decision runs on the bot's own thread (its pipeline
/// re-checks everything there), so an approval and the bot's next bar never race; deciding an item twice, or an
/// expired or rejected one, does nothing and says why.
/// </summary>
public sealed class ApprovalService(IDbContextFactory<TradingDbContext> db, BotRuntime runtime) : IApprovalService
{
    public async Task<IReadOnlyList<ApprovalView>> ListAsync(ApprovalFilter filter, CancellationToken ct = default)
    {
        await using var c = await db.CreateDbContextAsync(ct);
        var q = c.Approvals.AsNoTracking().AsQueryable();
        if (filter.BotId is { } bot) q = q.Where(a => a.BotId == bot);
        if (filter.Status is { } status) q = q.Where(a => a.Status == status);
        var rows = await q.OrderByDescending(a => a.Id).Take(filter.Limit).ToListAsync(ct);
        var names = await c.Bots.AsNoTracking().ToDictionaryAsync(b => b.Id, b => b.Name, ct);
        return rows.Select(a => View(a, names.GetValueOrDefault(a.BotId))).ToList();
    }

    public async Task<ApprovalView?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var c = await db.CreateDbContextAsync(ct);
        var row = await c.Approvals.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        return row is null ? null : View(row, (await c.Bots.FindAsync(new object[] { row.BotId }, ct))?.Name);
    }

    public Task<ApprovalResult> ApproveAsync(long id, string by, string? note, CancellationToken ct = default) =>
        DecideAsync(id, ct, (p, cid, now) => p.ApproveAsync(cid, by, note, now));

    public Task<ApprovalResult> RejectAsync(long id, string by, string? note, CancellationToken ct = default) =>
        DecideAsync(id, ct, (p, cid, now) => p.RejectAsync(cid, by, note, now));

    public async Task<int> PendingCountAsync(CancellationToken ct = default)
    {
        await using var c = await db.CreateDbContextAsync(ct);
        return await c.Approvals.CountAsync(a => a.Status == ApprovalStatus.Pending, ct);
    }

    private async Task<ApprovalResult> DecideAsync(long id, CancellationToken ct, Func<BotPipeline, string, DateTime, ValueTask<ApprovalDecision?>> decide)
    {
        var before = await GetAsync(id, ct);
        if (before is null) return Fail(BotProblemKind.NotFound, "id", $"No approval {id}.");
        if (before.Status != ApprovalStatus.Pending)
            return Fail(BotProblemKind.Conflict, "status", $"Approval {id} is already {before.Status.ToString().ToLowerInvariant()}{(before.DecidedBy is { } who ? $" (by {who})" : "")}: nothing was done.");
        if (runtime.Worker(before.BotId) is not { } worker)
            return Fail(BotProblemKind.Conflict, "status", $"Bot {before.BotId} is not running: start it to decide its approvals.");
        ApprovalDecision? decision = null;
        await worker.RunAsync(async p => decision = await decide(p, before.ClientOrderId, worker.Clock.GetUtcNow().UtcDateTime));
        var after = await GetAsync(id, CancellationToken.None);
        if (decision is null)
            return Fail(BotProblemKind.Conflict, "status", $"Approval {id} is no longer waiting ({after?.Status.ToString().ToLowerInvariant()}): nothing was done.");
        return decision.Status is ApprovalStatus.Refused or ApprovalStatus.Expired
            ? new ApprovalResult(after, new BotProblem(BotProblemKind.Conflict, "status", $"Not executed: {decision.Outcome}"))
            : new ApprovalResult(after, null);
    }

    private static ApprovalResult Fail(BotProblemKind kind, string field, string message) => new(null, new BotProblem(kind, field, message));

    internal static ApprovalView View(ApprovalRecord a, string? botName) => new(
        a.Id, a.BotId, botName, a.ClientOrderId, a.Symbol, a.Action, a.Quantity, a.Notional, a.Price, a.Confidence, a.Reason, a.Values, a.Status,
        a.RequestedAt, a.ExpiresAt, a.DecidedAt, a.DecidedBy, a.Note, a.Outcome);
}
