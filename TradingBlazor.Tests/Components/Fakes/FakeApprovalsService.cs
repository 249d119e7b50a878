using TradingBlazor.Services;

namespace TradingBlazor.Tests.Components.Fakes;

/// <summary>A recording approval queue: items the test puts in, decisions the component sends.</summary>
public sealed class FakeApprovalsService : IApprovalsService
{
    public List<ApprovalCard> Items { get; } = new();
    public List<ApprovalAudit> History { get; } = new();
    public List<(long Id, bool Approved)> Decisions { get; } = new();
    /// <summary>What the next decision answers (null: done).</summary>
    public string? Problem { get; set; }

    public event Action? Changed;

    public void RaiseChanged() => Changed?.Invoke();

    public Task<IReadOnlyList<ApprovalCard>> PendingAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<ApprovalCard>>(Items.ToList());

    public Task<IReadOnlyList<ApprovalAudit>> HistoryAsync(int limit, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<ApprovalAudit>>(History.Take(limit).ToList());

    public Task<string?> ApproveAsync(long id, string? note, CancellationToken ct = default) => Decide(id, true);

    public Task<string?> RejectAsync(long id, string? note, CancellationToken ct = default) => Decide(id, false);

    private Task<string?> Decide(long id, bool approved)
    {
        Decisions.Add((id, approved));
        if (Problem is null) Items.RemoveAll(i => i.Id == id);
        return Task.FromResult(Problem);
    }
}
