using TradingBlazor.Engine.Backtesting;
using TradingBlazor.Services;

namespace TradingBlazor.Tests.Components.Fakes;

/// <summary>Serves a fixed <see cref="DashboardView"/>, bot tiles and markers, counts the loads and raises changes on demand.</summary>
public sealed class FakeDashboardService(DashboardView view) : IDashboardService
{
    public DashboardView View { get; set; } = view;
    public int LoadCalls { get; private set; }
    /// <summary>When set, loads wait for it (to see the page before its data arrives).</summary>
    public TaskCompletionSource<DashboardView>? Pending { get; set; }

    public List<BotTile> Tiles { get; } = new();
    public Dictionary<string, List<ChartMarker>> Markers { get; } = new();
    public List<string> MarkerRequests { get; } = new();

    public event Action? Changed;

    public bool HasSubscribers => Changed is not null;

    public void RaiseChanged() => Changed?.Invoke();

    public Task<IReadOnlyList<BotTile>> BotTilesAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<BotTile>>(Tiles.ToList());

    public Task<IReadOnlyList<ChartMarker>> MarkersAsync(string symbol, TimeSpan bar, CancellationToken ct = default)
    {
        MarkerRequests.Add(symbol);
        return Task.FromResult<IReadOnlyList<ChartMarker>>(Markers.GetValueOrDefault(symbol)?.ToList() ?? new List<ChartMarker>());
    }

    public Task<DashboardView> LoadAsync(CancellationToken ct = default)
    {
        LoadCalls++;
        return Pending?.Task ?? Task.FromResult(View);
    }
}
