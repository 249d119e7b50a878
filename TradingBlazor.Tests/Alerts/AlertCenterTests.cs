using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TradingBlazor.Adapters.Alpaca.Streaming;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Alerts;
using TradingBlazor.Engine.Events;
using TradingBlazor.Infrastructure.Configuration;
using TradingBlazor.Tests.Support;
using static TradingBlazor.Tests.Alerts.AlertEvents;

namespace TradingBlazor.Tests.Alerts;

public sealed class AlertCenterTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(At);
    private readonly TradingEventBus _bus;
    private IReadOnlyList<StreamStatus> _streams = Array.Empty<StreamStatus>();
    private readonly List<long> _nameLookups = new();
    private AlertCenter? _center;

    public AlertCenterTests() => _bus = new TradingEventBus(_clock, NullLogger<TradingEventBus>.Instance);

    private AlertCenter Center(int history = 500) => _center ??= new AlertCenter(_bus, _clock, Options.Create(new AlertSettings { History = history }),
        NullLogger<AlertCenter>.Instance, new AlertSources(() => _streams, (id, _) =>
        {
            _nameLookups.Add(id);
            return Task.FromResult<string?>(id == 1 ? "Momentum" : null);
        }));

    public void Dispose() => _center?.Dispose();

    [Fact]
    public async Task An_event_becomes_an_alert_with_its_sequence_time_and_bot_name()
    {
        var center = Center();
        var raised = new List<Alert>();
        center.Raised += raised.Add;

        await center.HandleAsync(Event(41, TradingEventKind.Fill, Fill()));
        await center.HandleAsync(Event(42, TradingEventKind.PositionChanged, new PositionUpdate("SPY", 10m, 512.3m, 512.3m)));
        await center.HandleAsync(Event(43, TradingEventKind.RiskHalt, new RiskHaltUpdate("Max drawdown reached."), bot: 1));

        Assert.Equal(new[]
        {
            new Alert(2, At, AlertSeverity.Error, AlertKind.RiskHalt, 1, "Momentum", "Trading halted", "Max drawdown reached.", 43),
            new Alert(1, At, AlertSeverity.Info, AlertKind.Fill, 1, "Momentum", "Bought 10 SPY", "Bought 10 SPY at 512.30 (signal)", 41),
        }, center.Recent(10));
        Assert.Equal(center.Recent(10).Reverse(), raised);
        Assert.Equal(new long[] { 1 }, _nameLookups); // asked once, then remembered
    }

    [Fact]
    public async Task A_status_event_names_the_bot_without_asking()
    {
        var center = Center();
        await center.HandleAsync(Event(1, TradingEventKind.BotStatusChanged, new BotStatusUpdate("Scalper", BotStatus.Error, "boom"), bot: 9));
        await center.HandleAsync(Event(2, TradingEventKind.Fill, Fill(), bot: 9));
        await center.HandleAsync(Event(3, TradingEventKind.Fill, Fill(), bot: null));

        Assert.Equal(new[] { null, "Scalper", "Scalper" }, center.Recent(3).Select(a => a.BotName));
        Assert.Empty(_nameLookups);
    }

    [Fact]
    public async Task The_history_keeps_the_newest_and_unread_counts_what_is_kept()
    {
        var center = Center(history: 3);
        for (int i = 1; i <= 5; i++) await center.HandleAsync(Event(i, TradingEventKind.RiskHalt, new RiskHaltUpdate($"halt {i}")));

        Assert.Equal(new long[] { 5, 4, 3 }, center.Recent(10).Select(a => a.Id));
        Assert.Equal(new long[] { 5, 4 }, center.Recent(2).Select(a => a.Id));
        Assert.Equal(3, center.Unread);

        int readChanges = 0;
        center.ReadChanged += () => readChanges++;
        center.MarkAllRead();
        Assert.Equal(0, center.Unread);
        Assert.Equal(1, readChanges);

        await center.HandleAsync(Event(6, TradingEventKind.RiskHalt, new RiskHaltUpdate("halt 6")));
        Assert.Equal(1, center.Unread);
        Assert.Equal(3, center.Recent(10).Count);
    }

    [Fact]
    public async Task A_repeated_refusal_alerts_once_until_something_else_happens()
    {
        var center = Center();
        await center.HandleAsync(Event(1, TradingEventKind.SignalRaised, Signal("Not enough cash.")));
        await center.HandleAsync(Event(2, TradingEventKind.SignalRaised, Signal("Not enough cash.")));
        await center.HandleAsync(Event(3, TradingEventKind.SignalRaised, Signal("Not enough cash.", symbol: "AAPL")));
        await center.HandleAsync(Event(4, TradingEventKind.SignalRaised, Signal(null, executed: true)));
        await center.HandleAsync(Event(5, TradingEventKind.SignalRaised, Signal("Not enough cash.")));

        Assert.Equal(new long?[] { 5, 3, 1 }, center.Recent(10).Select(a => a.Sequence));
    }

    [Fact]
    public void Broker_stream_drops_alert_at_the_clock_without_a_sequence()
    {
        var center = Center();
        _streams = new[] { new StreamStatus("market_data", StreamState.Connected, At, At, 0, null, null) };
        center.CheckStreams();
        _clock.Advance(TimeSpan.FromSeconds(30));
        _streams = new[] { new StreamStatus("market_data", StreamState.Reconnecting, null, At, 1, "connection reset", null) };
        center.CheckStreams();

        var alert = Assert.Single(center.Recent(10));
        Assert.Equal((AlertKind.BrokerDisconnected, AlertSeverity.Warning, At.AddSeconds(30), (long?)null, (long?)null),
            (alert.Kind, alert.Severity, alert.TimeUtc, alert.Sequence, alert.BotId));
        Assert.Contains("connection reset", alert.Message);
    }

    [Fact]
    public async Task Running_it_turns_published_events_into_alerts_without_holding_up_the_publisher()
    {
        var center = Center();
        var gate = new ManualResetEventSlim();
        int returned = 0;
        center.Raised += _ => { gate.Wait(TimeSpan.FromSeconds(10)); Interlocked.Increment(ref returned); }; // a slow subscriber
        center.Raised += _ => throw new InvalidOperationException("a broken subscriber");
        await center.StartAsync(CancellationToken.None);
        try
        {
            for (int i = 0; i < 50; i++) _bus.Publish(TradingEventKind.RiskHalt, 1, new RiskHaltUpdate($"halt {i}"));
            _bus.Publish(TradingEventKind.PositionChanged, 1, new PositionUpdate("SPY", 1m, 1m, 1m));
            // The slow subscriber is still held at the gate: had publishing waited for it, it would have returned first.
            Assert.Equal(0, Volatile.Read(ref returned));
            gate.Set();

            await Eventually.HoldsAsync(() => center.Recent(100).Count == 50, "50 alerts");
            Assert.Equal(Enumerable.Range(1, 50).Select(i => (long?)i).Reverse(), center.Recent(100).Select(a => a.Sequence));
        }
        finally
        {
            gate.Set();
            await center.StopAsync(CancellationToken.None);
        }
    }
}
