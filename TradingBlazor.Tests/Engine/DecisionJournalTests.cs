using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TradingBlazor.Adapters.Replay;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Risk;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Engine.Charts;
using TradingBlazor.Engine.ML;
using TradingBlazor.Engine.Trading;
using TradingBlazor.Services;
using TradingBlazor.Tests.Components.Fakes;

namespace TradingBlazor.Tests.EngineTests;

/// <summary>
/// "Explain this trade" on the live engine with a real SQLite store: a hybrid bot's entry waits, the trader approves it,
/// it fills, the exit rule sells; the journal tells it all from the stored records, and the bot detail service shows the book.
/// </summary>
public sealed class DecisionJournalTests : IAsyncLifetime
{
    private static readonly DateTime Open = new(2026, 11, 23, 14, 30, 0, DateTimeKind.Utc); // Monday 09:30 New York
    private readonly string _dir = Directory.CreateTempSubdirectory("tb-journal-").FullName;
    private readonly RecordedBarFeed _feed = new();
    private readonly FakeTimeProvider _clock = new(Open);
    private readonly List<Bar> _published = new();
    private StandaloneEngine _engine = null!;
    private DateTime _next = Open;

    public async Task InitializeAsync() =>
        _engine = await StandaloneEngine.StartAsync(Path.Combine(_dir, "journal.db"), _feed, new NoHistory(), new RuntimeOptions { WarmUp = false }, _clock);

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private DecisionJournal Journal() =>
        new(_engine.Store, _engine.Bots, (_, _, _) => Task.FromResult<IHistoricalBars>(new PublishedBars(_published)), NullLogger<DecisionJournal>.Instance);

    private BotDetailService Details() =>
        new(_engine.Bots, new TradingQueries(_engine.Store, _engine.Runtime, NullLogger<TradingQueries>.Instance), Journal(),
            new FakeTradingClock(() => _clock.GetUtcNow().UtcDateTime), _engine.Events,
            new PredictionOutcomes(_engine.Store, (_, _, _) => Task.FromResult(new ChartSource(new PublishedBars(_published), null, () => _clock.GetUtcNow().UtcDateTime, true, "published")),
                NullLogger<PredictionOutcomes>.Instance));

    private async Task PublishAsync(params decimal[] closes)
    {
        foreach (var close in closes)
        {
            var bar = new Bar("TEST", Timeframe.Minute1, _next, close, close + 0.2m, close - 0.2m, close, 1_000m);
            _published.Add(bar);
            _feed.Publish(bar);
            _next = _next.AddMinutes(1);
            _clock.SetUtcNow(_next);
        }
        foreach (var w in _engine.Runtime.Workers) await w.DrainAsync();
    }

    private async Task<long> StartHybridAsync()
    {
        var config = new BotConfig
        {
            Name = "journal bot", Symbols = new() { "TEST" }, Capital = 10_000m, Timeframe = "1m",
            TradingWindow = new TradingWindow { Start = "09:30", End = "16:00" },
            Entry = new SignalRule { Rule = JsonSerializer.SerializeToElement("close > 100"), Confidence = 0.75 },
            Exit = new SignalRule { Rule = JsonSerializer.SerializeToElement("close < 100") },
            Risk = new RiskSettings { PositionFraction = 0.5m, MaxOpenPositions = 3 },
            Execution = new ExecutionSettings { Mode = ExecutionMode.Hybrid },
        };
        var created = await _engine.Bots.CreateAsync(config);
        Assert.True(created.Ok, created.Problem?.Message);
        long id = created.Bot!.Summary.Id;
        Assert.True((await _engine.Bots.CommandAsync(id, BotCommand.Start)).Ok);
        return id;
    }

    [Fact]
    public async Task An_approved_trade_is_explained_from_its_bar_to_its_last_fill()
    {
        long bot = await StartHybridAsync();
        await PublishAsync(99m, 101m);
        var waiting = Assert.Single(await _engine.Approvals.ListAsync(new ApprovalFilter(bot)));
        Assert.True((await _engine.Approvals.ApproveAsync(waiting.Id, "trader", "looks fine")).Ok);
        await PublishAsync(101.3m); // the entry fills
        var details = Details();
        var open = Assert.Single((await details.LoadAsync(bot))!.Trades);
        var opened = (await details.ExplainAsync(open.Id))!;
        Assert.Null(open.ExitUtc);
        Assert.Single(opened.Entry!.Fills);
        Assert.Empty(opened.Exits);

        await PublishAsync(99.5m, 99.4m); // the exit rule fires, the sale fills

        var view = (await details.LoadAsync(bot))!;
        var trade = Assert.Single(view.Trades);
        Assert.NotNull(trade.ExitUtc);
        var j = (await details.ExplainAsync(trade.Id))!;

        Assert.Equal(Open.AddMinutes(1), j.Bar!.StartUtc);
        Assert.Equal(101m, j.Bar.Close);
        Assert.Equal("close > 100", j.Rule);
        Assert.Equal(SignalAction.Buy, j.Signal!.Action);
        Assert.Equal(101, j.Signal.Values["close"]);
        Assert.Equal("approved by trader: sent", j.Signal.Outcome);
        Assert.Equal(8, j.RiskChecks.Count);
        Assert.All(j.RiskChecks, c => Assert.Equal(RiskCheckState.Passed, c.State));
        Assert.Contains(j.RiskChecks, c => c is { Code: RiskRejectionCode.MaxOpenPositions, Limit: "at most 3" });
        Assert.Equal((ApprovalStatus.Approved, "trader", "looks fine"), (j.Approval!.Status, j.Approval.DecidedBy, j.Approval.Note));
        Assert.Equal(waiting.ClientOrderId, j.Entry!.Order.ClientOrderId);
        var entryFill = Assert.Single(j.Entry.Fills);
        Assert.Equal(OrderSide.Buy, entryFill.Side);
        Assert.Equal(trade.Quantity, entryFill.Quantity);
        var exit = Assert.Single(j.Exits);
        Assert.Equal(OrderSide.Sell, Assert.Single(exit.Fills).Side);

        // The page's book: the signals with their outcomes, no open orders, and the curve ending at the equity after the exit.
        Assert.Contains(view.Signals, s => s.Action == SignalAction.Sell && s.Outcome == "executed");
        Assert.Empty(view.OpenOrders);
        Assert.Empty(view.Ledger.Positions);
        Assert.Equal(10_000m, view.Equity[0].Equity);
        Assert.Equal(10_000m + trade.RealizedPnl, view.Equity[1].Equity);
        Assert.Equal(view.Ledger.Equity, view.Equity[^1].Equity);
    }

    [Fact]
    public async Task The_bot_detail_service_hears_the_bots_events_and_knows_no_missing_bot_or_trade()
    {
        long bot = await StartHybridAsync();
        var details = Details();
        var heard = new List<long>();
        details.BotChanged += id => { lock (heard) heard.Add(id); };

        await PublishAsync(99m, 101m);

        lock (heard) Assert.Contains(bot, heard);
        Assert.Null(await details.LoadAsync(9_999));
        Assert.Null(await details.ExplainAsync(9_999));
        var view = (await details.LoadAsync(bot))!;
        Assert.Contains(view.Signals, s => s is { Action: SignalAction.Buy, Outcome: "awaiting approval" });
        Assert.Equal(10_000m, view.Equity[0].Equity);
        Assert.Equal(view.Ledger.Equity, view.Equity[^1].Equity);
    }

    private sealed class PublishedBars(List<Bar> bars) : IHistoricalBars
    {
        public Task<IReadOnlyList<Bar>> GetBarsAsync(string symbol, Timeframe timeframe, DateTime fromUtc, DateTime toUtc, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<Bar>>(bars.Where(b => b.Symbol == symbol && b.StartUtc >= fromUtc && b.StartUtc < toUtc).ToList());
    }
}
