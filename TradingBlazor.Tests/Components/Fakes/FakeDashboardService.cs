using TradingBlazor.Services;

namespace TradingBlazor.Tests.Components.Fakes;

/// <summary>Serves a fixed <see cref="DashboardView"/> and counts the loads.</summary>
public sealed class FakeDashboardService(DashboardView view) : IDashboardService
{
    public DashboardView View { get; set; } = view;
    public int LoadCalls { get; private set; }
    /// <summary>When set, loads wait for it (to see the page before its data arrives).</summary>
    public TaskCompletionSource<DashboardView>? Pending { get; set; }

    public Task<DashboardView> LoadAsync(CancellationToken ct = default)
    {
        LoadCalls++;
        return Pending?.Task ?? Task.FromResult(View);
    }
}
