using TradingBlazor.Services;

namespace TradingBlazor.Tests.Components.Fakes;

/// <summary>Indicator choices kept in memory by symbol, as the browser's storage keeps them; every save is recorded.</summary>
public sealed class FakeChartPreferences : IChartPreferences
{
    public Dictionary<string, List<string>> Kept { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<(string Symbol, List<string> Specs)> Saves { get; } = new();

    public Task<IReadOnlyList<string>?> LoadIndicatorsAsync(string symbol) =>
        Task.FromResult<IReadOnlyList<string>?>(Kept.TryGetValue(symbol, out var specs) ? specs.ToList() : null);

    public Task SaveIndicatorsAsync(string symbol, IEnumerable<string> specs)
    {
        var list = specs.ToList();
        Kept[symbol] = list;
        Saves.Add((symbol, list));
        return Task.CompletedTask;
    }
}
