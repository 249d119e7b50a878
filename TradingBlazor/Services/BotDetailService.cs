using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Backtesting;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Engine.Events;
using TradingBlazor.Engine.ML;

namespace TradingBlazor.Services;

/// <summary>One bot in full for its page: its card, timeframe, book, open orders, signals, trades and equity curve.</summary>
public sealed record BotDetailView(
    BotCard Bot, string Timeframe, BotLedgerView Ledger, IReadOnlyList<OrderView> OpenOrders, IReadOnlyList<SignalView> Signals,
    IReadOnlyList<TradeView> Trades, IReadOnlyList<EquityPoint> Equity);

/// <summary>The bot detail page: what a bot holds and did, and the decision journal of any of its trades.</summary>
public interface IBotDetailService
{
    /// <summary>Raised (on the publisher's thread) with the bot's id when one of its events arrives.</summary>
    event Action<long>? BotChanged;

    /// <summary>Null when there is no such bot.</summary>
    Task<BotDetailView?> LoadAsync(long id, CancellationToken ct = default);

    /// <summary>"Explain this trade": null when there is no such trade.</summary>
    Task<TradeExplanation?> ExplainAsync(long tradeId, CancellationToken ct = default);
}

public sealed class BotDetailService : IBotDetailService, IDisposable
{
    private const int Limit = 200;
    private readonly IBotService _bots;
    private readonly ITradingQueries _queries;
    private readonly DecisionJournal _journal;
    private readonly ITradingClock _clock;
    private readonly TradingEventBus _bus;

    private readonly PredictionOutcomes _outcomes;

    public BotDetailService(IBotService bots, ITradingQueries queries, DecisionJournal journal, ITradingClock clock, TradingEventBus bus, PredictionOutcomes outcomes)
    {
        (_bots, _queries, _journal, _clock, _bus, _outcomes) = (bots, queries, journal, clock, bus, outcomes);
        _bus.Published += OnPublished;
    }

    public event Action<long>? BotChanged;

    public async Task<BotDetailView?> LoadAsync(long id, CancellationToken ct = default)
    {
        if (await _bots.GetAsync(id, ct) is not { } details) return null;
        var b = details.Summary;
        var card = BotCard.From(b);
        var filter = new TradingFilter(BotId: id, Limit: Limit);
        var orders = (await _queries.OrdersAsync(filter, ct)).Where(o => !o.Status.IsFinal()).ToList();
        await _outcomes.ResolveAsync(id, ct); // ML signals whose horizon has passed get their outcome before they are shown
        var signals = await _queries.SignalsAsync(filter, ct);
        var trades = await _queries.TradesAsync(filter with { Limit = 5_000 }, ct);
        var now = _clock.Now().UtcNow;
        var start = trades.Count == 0 ? b.UpdatedUtc : trades.Min(t => t.EntryUtc);
        var equity = EquityCurve.From(b.Ledger.Capital, trades, start, now, b.Ledger.Equity);
        return new BotDetailView(card, b.Timeframe, b.Ledger, orders, signals, trades.Take(Limit).ToList(), equity);
    }

    public Task<TradeExplanation?> ExplainAsync(long tradeId, CancellationToken ct = default) => _journal.ExplainAsync(tradeId, ct);

    private void OnPublished(TradingEvent e)
    {
        if (e.BotId is { } id && e.Kind is not TradingEventKind.KillSwitch) BotChanged?.Invoke(id);
    }

    public void Dispose() => _bus.Published -= OnPublished;
}
