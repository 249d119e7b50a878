using System.Globalization;
using TradingBlazor.Domain.Time;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Engine.Events;

namespace TradingBlazor.Services;

/// <summary>A bot as the trade filters offer it.</summary>
public sealed record BotChoice(long Id, string Name, IReadOnlyList<string> Symbols);

/// <summary>A file for the browser to save.</summary>
public sealed record CsvFile(string FileName, string Content);

/// <summary>The Trades page: filtered round trips with their totals, their CSV, and word of new fills.</summary>
public interface ITradesService
{
    /// <summary>The most trades one sheet holds (newest first); older ones need a narrower filter or the API's CSV.</summary>
    const int Limit = 5_000;

    /// <summary>Raised (on the publisher's thread) when a fill opened, grew or closed a trade.</summary>
    event Action? TradesChanged;

    Task<IReadOnlyList<BotChoice>> BotsAsync(CancellationToken ct = default);

    Task<TradeSheet> LoadAsync(TradeFilter filter, CancellationToken ct = default);

    /// <summary>The sheet's lines as CSV, named after the moment of the export.</summary>
    CsvFile Export(TradeSheet sheet);
}

public sealed class TradesService : ITradesService, IDisposable
{
    private readonly IBotService _bots;
    private readonly ITradingQueries _queries;
    private readonly TradingEventBus _bus;
    private readonly TimeProvider _clock;

    public TradesService(IBotService bots, ITradingQueries queries, TradingEventBus bus, TimeProvider clock)
    {
        (_bots, _queries, _bus, _clock) = (bots, queries, bus, clock);
        _bus.Published += OnPublished;
    }

    public event Action? TradesChanged;

    public async Task<IReadOnlyList<BotChoice>> BotsAsync(CancellationToken ct = default) =>
        (await _bots.ListAsync(ct)).Select(b => new BotChoice(b.Id, b.Name, b.Symbols)).ToList();

    public async Task<TradeSheet> LoadAsync(TradeFilter filter, CancellationToken ct = default)
    {
        var (from, to) = filter.UtcRange();
        var symbol = string.IsNullOrWhiteSpace(filter.Symbol) ? null : filter.Symbol.Trim();
        var trades = await _queries.TradesAsync(new TradingFilter(filter.BotId, symbol, from, to, ITradesService.Limit), ct);
        var lines = trades.Select(t => new TradeLine(t.Id, t.BotId, t.BotName, t.Symbol, t.Quantity, t.EntryUtc, t.EntryPrice, t.ExitUtc, t.ExitPrice,
            t.RealizedPnl, t.Fees, t.ExitReason)).ToList();
        return TradeSheet.Of(filter, lines, truncated: trades.Count >= ITradesService.Limit);
    }

    public CsvFile Export(TradeSheet sheet)
    {
        var stamp = MarketTime.ToEastern(_clock.GetUtcNow().UtcDateTime).ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        return new CsvFile($"trades-{stamp}.csv", sheet.ToCsv());
    }

    private void OnPublished(TradingEvent e)
    {
        if (e.Kind == TradingEventKind.Fill) TradesChanged?.Invoke();
    }

    public void Dispose() => _bus.Published -= OnPublished;
}
