using Microsoft.Extensions.Logging.Abstractions;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Engine.Events;
using TradingBlazor.Services;
using TradingBlazor.Tests.Support.Engine;

namespace TradingBlazor.Tests.Services;

public sealed class BotsUiServiceTests : IDisposable
{
    private static readonly DateTime At = new(2025, 3, 12, 14, 30, 0, DateTimeKind.Utc);
    private readonly InMemoryBotService _bots = new();
    private readonly InMemoryTradingQueries _queries = new();
    private readonly TradingEventBus _bus = new(TimeProvider.System, NullLogger<TradingEventBus>.Instance);
    private readonly BotsUiService _service;

    public BotsUiServiceTests() => _service = new BotsUiService(_bots, _queries, _bus);

    public void Dispose() => _service.Dispose();

    [Fact]
    public async Task Cards_carry_the_books_equity_and_total_pnl()
    {
        var id = _bots.Seed(new BotConfig { Name = "Momentum", Symbols = new() { "SPY" }, Capital = 10_000m }, BotStatus.Running,
            new BotPositionView("SPY", 10m, 500m, 510m, 100m, At));

        var card = Assert.Single(await _service.ListAsync());

        var symbols = Assert.Single(card.Symbols);
        Assert.Equal("SPY", symbols);
        // A bot document that names no mode is hybrid (the design's default).
        Assert.Equal(new BotCard(id, "Momentum", BotStatus.Running, null, card.Symbols, ExecutionMode.Hybrid, 10_000m, 10_100m, 100m, 1), card);
        Assert.False(card.Allows(BotCommand.Start));
        Assert.True(card.Allows(BotCommand.Pause));
    }

    [Fact]
    public async Task A_sample_becomes_a_stopped_bot_with_a_unique_name()
    {
        var sample = _service.Samples.First();
        Assert.DoesNotContain(_service.Samples, s => s.EndsWith("_template", StringComparison.Ordinal));

        var (first, error) = await _service.CreateFromSampleAsync(sample);
        var (second, _) = await _service.CreateFromSampleAsync(sample);

        Assert.Null(error);
        var names = (await _service.ListAsync()).ToDictionary(b => b.Id, b => b.Name);
        Assert.Equal(names[first!.Value] + " (2)", names[second!.Value]);
        Assert.Equal((null, "No sample 'nope'."), await _service.CreateFromSampleAsync("nope"));
    }

    [Fact]
    public async Task A_refused_command_returns_the_reason()
    {
        var id = _bots.Seed(new BotConfig { Name = "Idle" });
        Assert.Equal("Only a running bot can be paused.", await _service.CommandAsync(id, BotCommand.Pause));
        Assert.Null(await _service.CommandAsync(id, BotCommand.Start));
        Assert.Null(await _service.CommandAsync(id, BotCommand.Stop));
        // The UI's stop leaves positions: flattening is a deliberate, separate decision.
        Assert.Equal(new InMemoryBotService.CommandCall(id, BotCommand.Stop, false), _bots.Commands[^1]);
    }

    [Fact]
    public async Task Recent_trades_are_the_entry_and_exit_fills_newest_first()
    {
        var values = new Dictionary<string, double?>();
        _queries.Trades.Add(new TradeView(1, 2, "Momentum", "SPY", 10m, 500m, At, 505m, At.AddHours(1), 50m, 1m, "exit_rule", values));
        _queries.Trades.Add(new TradeView(2, 2, "Momentum", "QQQ", 4m, 430m, At.AddMinutes(30), null, null, null, 0.5m, null, values));

        var fills = await _service.RecentTradesAsync(10);

        Assert.Equal(new[]
        {
            new TradeActivity(At.AddHours(1), 2, "Momentum", "SPY", OrderSide.Sell, 10m, 505m, 50m),
            new TradeActivity(At.AddMinutes(30), 2, "Momentum", "QQQ", OrderSide.Buy, 4m, 430m, null),
            new TradeActivity(At, 2, "Momentum", "SPY", OrderSide.Buy, 10m, 500m, null),
        }, fills);
        Assert.Equal(2, (await _service.RecentTradesAsync(2)).Count);
    }

    [Fact]
    public async Task Engine_events_become_fills_and_list_changes_with_the_bots_name()
    {
        var id = _bots.Seed(new BotConfig { Name = "Momentum" });
        await _service.ListAsync();
        var fills = new List<TradeActivity>();
        int changes = 0;
        _service.TradeFilled += fills.Add;
        _service.BotsChanged += () => changes++;

        _bus.Publish(TradingEventKind.Fill, id, new FillUpdate("c", "x", "SPY", OrderSide.Buy, 3m, 501m, 0m, At, "entry", null));
        _bus.Publish(TradingEventKind.BotStatusChanged, 99, new BotStatusUpdate("Newcomer", BotStatus.Running, null));
        _bus.Publish(TradingEventKind.Fill, 99, new FillUpdate("d", "y", "QQQ", OrderSide.Sell, 1m, 430m, 0m, At, "exit", -2m));
        _bus.Publish(TradingEventKind.SignalRaised, id, new SignalRaised("SPY", At, SignalAction.Buy, 1, "rules", new Dictionary<string, double>(), true, false, null, null));

        Assert.Equal(new[]
        {
            new TradeActivity(At, id, "Momentum", "SPY", OrderSide.Buy, 3m, 501m, null),
            new TradeActivity(At, 99, "Newcomer", "QQQ", OrderSide.Sell, 1m, 430m, -2m),
        }, fills);
        Assert.Equal(3, changes);

        _service.Dispose();
        _bus.Publish(TradingEventKind.Fill, id, new FillUpdate("e", "z", "SPY", OrderSide.Sell, 3m, 502m, 0m, At, "exit", 3m));
        Assert.Equal(2, fills.Count);
    }
}
