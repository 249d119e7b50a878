using Microsoft.Extensions.Diagnostics.HealthChecks;
using TradingBlazor.Adapters.Simulated;
using TradingBlazor.Data.Queries;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.Time;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Backtesting;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Engine.Brokerage;
using TradingBlazor.Engine.Charts;
using TradingBlazor.Engine.Events;

namespace TradingBlazor.Services;

/// <summary>One component's health, as the dashboard shows it.</summary>
public sealed record ComponentHealth(string Name, HealthStatus Status);

/// <summary>The portfolio's book: capital, equity now, and P&amp;L today (realized + unrealized) and since start.</summary>
public sealed record PortfolioSummary(decimal Capital, decimal Equity, decimal RealizedToday, decimal Unrealized, decimal PnlSinceStart)
{
    public decimal PnlToday => RealizedToday + Unrealized;
}

/// <summary>A bot's card on the dashboard: its list entry, today's P&amp;L, its last signal and its equity for the sparkline.</summary>
public sealed record BotTile(BotCard Bot, decimal PnlToday, SignalView? LastSignal, IReadOnlyList<decimal> Sparkline);

/// <summary>The broker and its streams as the status strip shows them.</summary>
public sealed record ConnectionSummary(BrokerMode Mode, string Broker, IReadOnlyList<string> Streams);

/// <summary>What the dashboard shows: today's session, bots, today's realized P&amp;L, system health and the chart's symbol.</summary>
public sealed record DashboardView(
    MarketStatus Market, IReadOnlyDictionary<BotStatus, int> BotsByStatus, decimal RealizedPnlToday, int TradesClosedToday,
    int OpenPositions, HealthStatus Health, IReadOnlyList<ComponentHealth> Components, string ChartSymbol,
    PortfolioSummary? Portfolio = null, ConnectionSummary? Connection = null, bool SimulatedTime = false, IReadOnlyList<string>? ChartSymbols = null);

public interface IDashboardService
{
    /// <summary>Raised (on the publisher's thread) when a bot signals, fills, changes status or its positions move.</summary>
    event Action? Changed;

    Task<DashboardView> LoadAsync(CancellationToken ct = default);

    /// <summary>A card per bot, in the bot list's order.</summary>
    Task<IReadOnlyList<BotTile>> BotTilesAsync(CancellationToken ct = default);

    /// <summary>The bots' entries and exits of a symbol, on the bars of the chart's timeframe.</summary>
    Task<IReadOnlyList<ChartMarker>> MarkersAsync(string symbol, TimeSpan bar, CancellationToken ct = default);
}

public sealed class DashboardService : IDashboardService, IDisposable
{
    private const int TradeWindow = 5_000;
    private readonly IMarketCalendar _calendar;
    private readonly ITradingClock _clock;
    private readonly OverviewQueries _overview;
    private readonly ITradingQueries _queries;
    private readonly IBotsService _bots;
    private readonly HealthCheckService _health;
    private readonly SimulatedMarket _simulated;
    private readonly IBrokerService _broker;
    private readonly TradingEventBus _bus;

    public DashboardService(IMarketCalendar calendar, ITradingClock clock, OverviewQueries overview, ITradingQueries queries, IBotsService bots,
        HealthCheckService health, SimulatedMarket simulated, IBrokerService broker, TradingEventBus bus)
    {
        (_calendar, _clock, _overview, _queries, _bots, _health, _simulated, _broker, _bus) =
            (calendar, clock, overview, queries, bots, health, simulated, broker, bus);
        _bus.Published += OnPublished;
    }

    public event Action? Changed;

    public async Task<DashboardView> LoadAsync(CancellationToken ct = default)
    {
        // "Today" is the day the bots trade in: the simulated market's own day while trading is simulated.
        var now = _clock.Now();
        var sessionStart = SessionStart(now.UtcNow);
        var overview = await _overview.GetOverviewAsync(sessionStart, ct);
        var report = await _health.CheckHealthAsync(ct);
        var cards = await _bots.ListAsync(ct);
        var portfolio = new PortfolioSummary(cards.Sum(b => b.Capital), cards.Sum(b => b.Equity), overview.RealizedPnlSince,
            cards.Sum(b => b.Equity - b.Capital) - await RealizedTotalAsync(ct), cards.Sum(b => b.Equity - b.Capital));
        var status = _broker.Status();
        var connection = new ConnectionSummary(status.Mode, status.Description,
            status.Streams.Select(s => $"{s.Name} {s.State.ToString().ToLowerInvariant()}").ToList());
        var symbols = cards.SelectMany(b => b.Symbols).Concat(_simulated.Symbols).Distinct(StringComparer.Ordinal).ToList();
        return new DashboardView(
            _calendar.GetStatus(now.UtcNow), overview.BotsByStatus, overview.RealizedPnlSince, overview.TradesClosedSince, overview.OpenPositions,
            report.Status, report.Entries.Select(e => new ComponentHealth(e.Key, e.Value.Status)).ToList(),
            cards.SelectMany(b => b.Symbols).FirstOrDefault() ?? _simulated.Symbols[0], portfolio, connection, now.Simulated, symbols);
    }

    public async Task<IReadOnlyList<BotTile>> BotTilesAsync(CancellationToken ct = default)
    {
        var now = _clock.Now().UtcNow;
        var sessionStart = SessionStart(now);
        var cards = await _bots.ListAsync(ct);
        var trades = (await _queries.TradesAsync(new TradingFilter(Limit: TradeWindow), ct)).ToLookup(t => t.BotId);
        var tiles = new List<BotTile>(cards.Count);
        foreach (var bot in cards)
        {
            var mine = trades[bot.Id].ToList();
            decimal realized = mine.Sum(t => t.RealizedPnl ?? 0m);
            decimal unrealized = bot.Pnl - realized;
            decimal realizedToday = mine.Where(t => t.ExitUtc >= sessionStart).Sum(t => t.RealizedPnl ?? 0m);
            var last = (await _queries.SignalsAsync(new TradingFilter(BotId: bot.Id, Limit: 1), ct)).FirstOrDefault();
            var start = mine.Count == 0 ? now : mine.Min(t => t.EntryUtc);
            var curve = EquityCurve.From(bot.Capital, mine, start, now, bot.Equity).Select(p => p.Equity).ToList();
            tiles.Add(new BotTile(bot, realizedToday + unrealized, last, curve));
        }
        return tiles;
    }

    public async Task<IReadOnlyList<ChartMarker>> MarkersAsync(string symbol, TimeSpan bar, CancellationToken ct = default)
    {
        var trades = await _queries.TradesAsync(new TradingFilter(Symbol: symbol, Limit: TradeWindow), ct);
        return trades.SelectMany(t => t is { ExitUtc: { } exit, RealizedPnl: { } pnl }
                ? new[] { TradeMarkers.Entry(TradeMarkers.BarTime(t.EntryUtc, bar), t.Quantity), TradeMarkers.Exit(TradeMarkers.BarTime(exit, bar), pnl) }
                : new[] { TradeMarkers.Entry(TradeMarkers.BarTime(t.EntryUtc, bar), t.Quantity) })
            .OrderBy(m => m.Time).ToList();
    }

    private async Task<decimal> RealizedTotalAsync(CancellationToken ct) =>
        (await _overview.GetOverviewAsync(DateTime.UnixEpoch, ct)).RealizedPnlSince;

    private static DateTime SessionStart(DateTime utc) => MarketTime.ToUtc(MarketTime.EasternDate(utc), TimeOnly.MinValue);

    private void OnPublished(TradingEvent e)
    {
        if (e.Kind is TradingEventKind.SignalRaised or TradingEventKind.Fill or TradingEventKind.BotStatusChanged or TradingEventKind.PositionChanged
            or TradingEventKind.RiskHalt or TradingEventKind.KillSwitch)
            Changed?.Invoke();
    }

    public void Dispose() => _bus.Published -= OnPublished;
}
