using TradingBlazor.Services;

namespace TradingBlazor.Tests.Components.Fakes;

/// <summary>Serves the trades it holds through the real filter and totals, records every filter loaded, and tells of fills on demand.</summary>
public sealed class FakeTradesService : ITradesService
{
    public List<BotChoice> Bots { get; } = new();
    public List<TradeLine> Lines { get; } = new();
    public List<TradeFilter> Loads { get; } = new();
    public List<TradeSheet> Exports { get; } = new();

    public event Action? TradesChanged;

    public bool HasSubscribers => TradesChanged is not null;

    /// <summary>As the engine reports a fill.</summary>
    public void Fill(TradeLine line)
    {
        Lines.Insert(0, line);
        TradesChanged?.Invoke();
    }

    public Task<IReadOnlyList<BotChoice>> BotsAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<BotChoice>>(Bots.ToList());

    public Task<TradeSheet> LoadAsync(TradeFilter filter, CancellationToken ct = default)
    {
        Loads.Add(filter);
        var (from, to) = filter.UtcRange();
        var loaded = Lines.Where(l => (filter.BotId is null || l.BotId == filter.BotId) && (filter.Symbol is null || l.Symbol == filter.Symbol)
            && (from is null || l.EntryUtc >= from) && (to is null || l.EntryUtc < to)).ToList();
        return Task.FromResult(TradeSheet.Of(filter, loaded, truncated: false));
    }

    public CsvFile Export(TradeSheet sheet)
    {
        Exports.Add(sheet);
        return new CsvFile("trades-test.csv", sheet.ToCsv());
    }
}
