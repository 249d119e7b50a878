using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Engine.Events;
using TradingBlazor.Services;
using TradingBlazor.Tests.Support.Engine;

namespace TradingBlazor.Tests.Services;

public sealed class TradesServiceTests : IDisposable
{
    private static readonly DateTime At = new(2025, 3, 12, 14, 31, 0, DateTimeKind.Utc);
    private readonly TradingEventBus _bus = new(TimeProvider.System, NullLogger<TradingEventBus>.Instance);
    private readonly InMemoryTradingQueries _queries = new();
    private readonly InMemoryBotService _bots = new();
    private readonly FakeTimeProvider _clock = new(At.AddHours(3));
    private readonly TradesService _service;

    public TradesServiceTests() => _service = new TradesService(_bots, _queries, _bus, _clock);

    public void Dispose() => _service.Dispose();

    private static TradeView Trade(long id, string symbol, decimal? pnl, DateTime entry) =>
        new(id, 1, "Momentum", symbol, 2m, 100m, entry, 100m + pnl, pnl is null ? null : entry.AddMinutes(5), pnl, 0.1m, null, new Dictionary<string, double?>());

    [Fact]
    public async Task Bot_symbol_and_dates_go_to_the_store_and_the_result_is_filtered_here()
    {
        _queries.Trades.AddRange(new[] { Trade(1, "SPY", 4m, At), Trade(2, "SPY", -2m, At.AddMinutes(1)), Trade(3, "SPY", null, At.AddMinutes(2)) });

        var sheet = await _service.LoadAsync(new TradeFilter(1, " SPY ", new DateOnly(2025, 3, 12), new DateOnly(2025, 3, 12), TradeOutcome.Winners));

        var asked = Assert.Single(_queries.Filters);
        Assert.Equal(new TradingFilter(1, "SPY", new DateTime(2025, 3, 12, 4, 0, 0, DateTimeKind.Utc), new DateTime(2025, 3, 13, 4, 0, 0, DateTimeKind.Utc),
            ITradesService.Limit), asked);
        Assert.Equal(new long[] { 1 }, sheet.Lines.Select(l => l.Id));
        Assert.Equal((1, 4m), (sheet.Totals.Count, sheet.Totals.RealizedPnl));
        Assert.False(sheet.Truncated);
    }

    [Fact]
    public async Task A_full_page_from_the_store_says_there_may_be_more()
    {
        for (int i = 0; i < ITradesService.Limit; i++) _queries.Trades.Add(Trade(i, "SPY", 1m, At.AddSeconds(i)));

        var sheet = await _service.LoadAsync(new TradeFilter(Outcome: TradeOutcome.Losers));

        Assert.True(sheet.Truncated);
        Assert.Empty(sheet.Lines);
    }

    [Fact]
    public void Fills_are_news_to_the_trades_list_and_other_events_are_not()
    {
        int changes = 0;
        _service.TradesChanged += () => changes++;

        _bus.Publish(TradingEventKind.OrderSubmitted, 1, new OrderUpdate("tb1-SPY-1-b", "SPY", OrderSide.Buy, 1m, null, OrderStatus.Pending, 0m, null));
        _bus.Publish(TradingEventKind.Fill, 1, new FillUpdate("tb1-SPY-1-b", "sim-1", "SPY", OrderSide.Buy, 1m, 100m, 0m, At, "signal", null));

        Assert.Equal(1, changes);
        _service.Dispose();
        _bus.Publish(TradingEventKind.Fill, 1, new FillUpdate("tb1-SPY-1-s", "sim-2", "SPY", OrderSide.Sell, 1m, 101m, 0m, At, "signal", 1m));
        Assert.Equal(1, changes);
    }

    [Fact]
    public async Task The_export_is_the_sheets_csv_named_for_the_moment_in_new_york()
    {
        _queries.Trades.Add(Trade(1, "SPY", 4m, At));
        var sheet = await _service.LoadAsync(new TradeFilter());

        var file = _service.Export(sheet);

        Assert.Equal("trades-20250312-133100.csv", file.FileName);
        Assert.Equal(sheet.ToCsv(), file.Content);
    }

    [Fact]
    public async Task The_bot_filter_offers_every_bot_with_its_symbols()
    {
        _bots.Seed(new BotConfig { Name = "Momentum", Symbols = new() { "SPY", "AAPL" }, Capital = 10_000m });

        var bots = await _service.BotsAsync();

        var bot = Assert.Single(bots);
        Assert.Equal("Momentum", bot.Name);
        Assert.Equal(new[] { "SPY", "AAPL" }, bot.Symbols);
    }
}
