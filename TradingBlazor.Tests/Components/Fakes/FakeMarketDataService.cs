using TradingBlazor.Domain.MarketData;
using TradingBlazor.Engine.Charts;
using TradingBlazor.Engine.MarketData;
using TradingBlazor.Services;

namespace TradingBlazor.Tests.Components.Fakes;

/// <summary>
/// Symbols, a simulated clock, charts over <see cref="FakeBars"/> (or a failure) and imports that return a prepared
/// report; every request is recorded.
/// </summary>
public sealed class FakeMarketDataService : IMarketDataService
{
    public sealed record ImportCall(string Csv, string Symbol, Timeframe? Timeframe);

    public List<string> Symbols { get; } = new() { "SPY", "QQQ" };
    public SimulatedTime Clock { get; set; } = new(new DateTime(2025, 3, 12, 15, 0, 0, DateTimeKind.Utc), 60);
    public FakeBars Bars { get; } = new();
    /// <summary>The live feed charts listen to; none by default (a chart of stored history).</summary>
    public FakeFeed? Feed { get; set; }
    public bool ChartIsSimulated { get; set; } = true;
    public string ChartSourceName { get; set; } = "Simulated market";
    /// <summary>When set, <see cref="OpenChartAsync"/> throws it.</summary>
    public Exception? ChartFailure { get; set; }
    public ImportReport? ImportResult { get; set; }
    public Exception? ImportFailure { get; set; }

    public int SymbolsCalls { get; private set; }
    public List<(string Symbol, Timeframe Timeframe)> ChartsOpened { get; } = new();
    public List<ImportCall> Imports { get; } = new();
    public List<string> Normalized { get; } = new();

    public Task<IReadOnlyList<string>> SymbolsAsync(CancellationToken ct = default)
    {
        SymbolsCalls++;
        return Task.FromResult<IReadOnlyList<string>>(Symbols.ToList());
    }

    public Task<LiveChartSession> OpenChartAsync(string symbol, Timeframe timeframe, CancellationToken ct = default)
    {
        ChartsOpened.Add((symbol, timeframe));
        if (ChartFailure is not null) throw ChartFailure;
        var source = new ChartSource(Bars, Feed, () => Bars.Now, ChartIsSimulated, ChartSourceName);
        return Task.FromResult(new LiveChartSession(symbol, timeframe, source));
    }

    public SimulatedTime SimulatedClock() => Clock;

    public async Task<ImportReport> ImportAsync(TextReader csv, string symbol, Timeframe? timeframe, CancellationToken ct = default)
    {
        Imports.Add(new ImportCall(await csv.ReadToEndAsync(ct), symbol, timeframe));
        if (ImportFailure is not null) throw ImportFailure;
        return ImportResult ?? throw new InvalidOperationException("The test gave no import result.");
    }

    /// <summary>The app's rule (letters, digits, '.', '-', at most 12), recorded.</summary>
    public string NormalizeSymbol(string symbol)
    {
        Normalized.Add(symbol);
        return BarImportService.NormalizeSymbol(symbol);
    }
}

/// <summary>A steady history: <see cref="Count"/> bars ending at <see cref="Now"/>, whatever the timeframe; requests are recorded.</summary>
public sealed class FakeBars : IHistoricalBars
{
    public DateTime Now { get; set; } = new(2025, 3, 12, 15, 0, 0, DateTimeKind.Utc);
    public int Count { get; set; } = 40;
    /// <summary>When set, history requests throw it.</summary>
    public Exception? Failure { get; set; }
    public List<(string Symbol, Timeframe Timeframe)> Requests { get; } = new();

    public Task<IReadOnlyList<Bar>> GetBarsAsync(string symbol, Timeframe timeframe, DateTime fromUtc, DateTime toUtc, CancellationToken ct = default)
    {
        Requests.Add((symbol, timeframe));
        if (Failure is not null) throw Failure;
        var bars = Enumerable.Range(0, Count)
            .Select(i => new Bar(symbol, timeframe, toUtc - timeframe.Duration * (Count - i), 100 + i, 101 + i, 99 + i, 100.5m + i, 1_000 + i))
            .ToList();
        return Task.FromResult<IReadOnlyList<Bar>>(bars);
    }
}

/// <summary>A live feed the test drives: <see cref="Publish"/> raises a bar update.</summary>
public sealed class FakeFeed : IMarketDataFeed
{
    private readonly HashSet<string> _subscriptions = new(StringComparer.OrdinalIgnoreCase);

    public string Name => "Fake feed";
    public bool IsSimulated => true;
    public event Action<BarUpdate>? BarUpdated;
    public bool HasListeners => BarUpdated is not null;
    public IReadOnlySet<string> Subscriptions => _subscriptions;
    public DateTime? LastUpdateUtc { get; private set; }

    public void Subscribe(IEnumerable<string> symbols) => _subscriptions.UnionWith(symbols);

    public void Unsubscribe(IEnumerable<string> symbols) => _subscriptions.ExceptWith(symbols);

    public void Publish(BarUpdate update)
    {
        LastUpdateUtc = update.Bar.StartUtc;
        BarUpdated?.Invoke(update);
    }
}
