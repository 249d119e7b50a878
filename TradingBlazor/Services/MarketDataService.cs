using TradingBlazor.Adapters.Simulated;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Time;
using TradingBlazor.Engine.Charts;
using TradingBlazor.Engine.MarketData;

namespace TradingBlazor.Services;

/// <summary>The simulated market's clock as the Markets page labels it.</summary>
public sealed record SimulatedTime(DateTime UtcNow, double Speed);

/// <summary>Charts, the simulated clock and CSV import, for the Markets, Import and Dashboard pages.</summary>
public interface IMarketDataService
{
    Task<IReadOnlyList<string>> SymbolsAsync(CancellationToken ct = default);

    /// <summary>A live chart of a symbol from the source that serves it (the connected broker, the simulation or the store).</summary>
    Task<LiveChartSession> OpenChartAsync(string symbol, Timeframe timeframe, CancellationToken ct = default);

    SimulatedTime SimulatedClock();

    Task<ImportReport> ImportAsync(TextReader csv, string symbol, Timeframe? timeframe, CancellationToken ct = default);

    /// <summary>The symbol as stored, or a <see cref="FormatException"/> saying why it is not one.</summary>
    string NormalizeSymbol(string symbol);
}

public sealed class MarketDataService(ChartSourceResolver sources, SimulatedMarket simulated, BarImportService importer) : IMarketDataService
{
    public Task<IReadOnlyList<string>> SymbolsAsync(CancellationToken ct = default) => sources.SymbolsAsync(ct);

    public async Task<LiveChartSession> OpenChartAsync(string symbol, Timeframe timeframe, CancellationToken ct = default) =>
        new(symbol, timeframe, await sources.ResolveAsync(symbol, timeframe, ct));

    public SimulatedTime SimulatedClock() => new(simulated.Clock.UtcNow(), simulated.Clock.Speed);

    public Task<ImportReport> ImportAsync(TextReader csv, string symbol, Timeframe? timeframe, CancellationToken ct = default) =>
        importer.ImportAsync(csv, symbol, timeframe, ct);

    public string NormalizeSymbol(string symbol) => BarImportService.NormalizeSymbol(symbol);
}
