using Microsoft.Extensions.Logging.Abstractions;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Engine.Events;
using TradingBlazor.Services;
using TradingBlazor.Tests.Support.Engine;

namespace TradingBlazor.Tests.Services;

public sealed class PositionsServiceTests : IDisposable
{
    private static readonly DateTime At = new(2025, 3, 12, 14, 30, 0, DateTimeKind.Utc);
    private readonly InMemoryBotService _bots = new();
    private readonly InMemoryTradingQueries _queries = new();
    private readonly TradingEventBus _bus = new(TimeProvider.System, NullLogger<TradingEventBus>.Instance);
    private readonly PositionsService _service;

    public PositionsServiceTests() => _service = new PositionsService(_bots, _queries, _bus);

    public void Dispose() => _service.Dispose();

    private static BotConfig Config(string name, params string[] symbols) => new() { Name = name, Symbols = symbols.ToList(), Capital = 10_000m };

    private static OrderView Order(long id, long bot, string clientOrderId, OrderStatus status) =>
        new(id, bot, clientOrderId, null, "SPY", OrderSide.Buy, 1m, null, status, 0m, null, null, At, At);

    [Fact]
    public async Task Positions_come_from_every_bots_book_with_their_marks_and_the_brokers_extra_shares_as_unmanaged()
    {
        var running = _bots.Seed(Config("Momentum", "SPY", "AAPL"), BotStatus.Running,
            new BotPositionView("SPY", 10m, 500m, 510m, 100m, At), new BotPositionView("AAPL", 2m, 200m, 190m, -20m, At));
        var stopped = _bots.Seed(Config("Pullback", "MSFT"), BotStatus.Stopped, new BotPositionView("MSFT", 1m, 400m, 400m, 0m, At));
        _queries.Positions.Add(new PositionView(null, null, "TSLA", 3m, 250m, default, Unmanaged: true));
        _queries.Positions.Add(new PositionView(running, "Momentum", "SPY", 10m, 500m, At, Unmanaged: false)); // already in the book

        var book = await _service.LoadAsync();

        Assert.Equal(new[] { (running, "AAPL"), (running, "SPY"), (stopped, "MSFT"), ((long?)null, "TSLA") }.Select(x => ((long?)x.Item1, x.Item2)),
            book.Positions.Select(p => (p.BotId, p.Symbol)));
        var spy = book.Positions[1];
        Assert.Equal((5_100m, 100m, 0.02m), (spy.MarketValue, spy.UnrealizedPnl, spy.UnrealizedReturn));
        Assert.True(book.Positions[3].Unmanaged);
        Assert.Equal((5_100m + 380m + 400m + 750m, 80m), (book.MarketValue, book.UnrealizedPnl));
    }

    [Fact]
    public async Task Only_working_orders_of_running_or_paused_bots_are_open()
    {
        var running = _bots.Seed(Config("Momentum", "SPY"), BotStatus.Running);
        var paused = _bots.Seed(Config("Paused", "SPY"), BotStatus.Paused);
        var stopped = _bots.Seed(Config("Stopped", "SPY"), BotStatus.Stopped);
        _queries.Orders.AddRange(new[]
        {
            Order(1, running, "tb1-a", OrderStatus.Accepted), Order(2, running, "tb1-b", OrderStatus.Filled), Order(3, paused, "tb2-a", OrderStatus.PartiallyFilled),
            Order(4, stopped, "tb3-a", OrderStatus.Pending), Order(5, running, "tb1-c", OrderStatus.Canceled),
        });

        var book = await _service.LoadAsync();

        Assert.Equal(new[] { "tb1-a", "tb2-a" }, book.Orders.Select(o => o.ClientOrderId).Order());
        Assert.Equal("Paused", book.Orders.Single(o => o.ClientOrderId == "tb2-a").BotName);
    }

    [Fact]
    public async Task Close_and_cancel_go_to_the_bot_service_as_the_trader_and_a_refusal_comes_back_as_its_reason()
    {
        var id = _bots.Seed(Config("Momentum", "SPY"), BotStatus.Running, new BotPositionView("SPY", 10m, 500m, 510m, 100m, At));

        Assert.Null(await _service.ClosePositionAsync(id, "SPY"));
        Assert.Equal(new[] { (id, "SPY") }, _bots.Closed);
        Assert.Equal("The bot holds no SPY.", await _service.ClosePositionAsync(id, "SPY"));
        Assert.Equal("The bot has no open order tb1-x.", await _service.CancelOrderAsync(id, "tb1-x"));
    }

    [Fact]
    public void Fills_orders_and_status_changes_are_news_to_the_page_and_signals_are_not()
    {
        int changes = 0;
        _service.Changed += () => changes++;

        _bus.Publish(TradingEventKind.SignalRaised, 1, new object());
        _bus.Publish(TradingEventKind.OrderSubmitted, 1, new object());
        _bus.Publish(TradingEventKind.OrderChanged, 1, new object());
        _bus.Publish(TradingEventKind.Fill, 1, new object());
        _bus.Publish(TradingEventKind.PositionChanged, 1, new object());
        _bus.Publish(TradingEventKind.BotStatusChanged, 1, new object());
        _bus.Publish(TradingEventKind.KillSwitch, null, new object());

        Assert.Equal(6, changes);
    }
}
