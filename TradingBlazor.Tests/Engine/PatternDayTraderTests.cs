using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using TradingBlazor.Adapters.Replay;
using TradingBlazor.Data.Entities;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.Execution;
using TradingBlazor.Domain.Risk;
using TradingBlazor.Domain.Strategies;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Bots;

namespace TradingBlazor.Tests.EngineTests;

/// <summary>Day trades as the pattern-day-trader rule counts them, and the guard that refuses a 4th under $25,000.</summary>
public sealed class PatternDayTraderTests
{
    private static readonly DateTime Monday = new(2026, 11, 23, 15, 0, 0, DateTimeKind.Utc); // 10:00 New York
    private static readonly DateOnly Week = new(2026, 11, 23);
    private int _n;

    private AccountFill Buy(string symbol, DateTime at) => new($"e{++_n}", symbol, OrderSide.Buy, at);

    private AccountFill Sell(string symbol, DateTime at) => new($"e{++_n}", symbol, OrderSide.Sell, at);

    [Fact]
    public void A_buy_then_a_sell_in_one_session_is_one_day_trade()
    {
        Assert.Equal(1, DayTrades.Count([Buy("SPY", Monday), Sell("SPY", Monday.AddHours(1))], Week));
        Assert.Equal(0, DayTrades.Count([Buy("SPY", Monday), Sell("SPY", Monday.AddDays(1))], Week)); // held overnight
        Assert.Equal(0, DayTrades.Count([Sell("SPY", Monday), Buy("SPY", Monday.AddHours(1))], Week)); // sold yesterday's, bought again
        Assert.Equal(0, DayTrades.Count([Buy("SPY", Monday), Sell("QQQ", Monday.AddHours(1))], Week));
    }

    [Fact]
    public void Buys_then_sells_count_once_and_buying_again_starts_another()
    {
        var m = Monday;
        Assert.Equal(1, DayTrades.Count([Buy("SPY", m), Buy("SPY", m.AddMinutes(1)), Sell("SPY", m.AddMinutes(2)), Sell("SPY", m.AddMinutes(3))], Week));
        Assert.Equal(2, DayTrades.Count([Buy("SPY", m), Sell("SPY", m.AddMinutes(1)), Buy("spy", m.AddMinutes(2)), Sell("SPY", m.AddMinutes(3))], Week));
        // Out of order in the list, the same instant for both: time decides, the buy first.
        Assert.Equal(1, DayTrades.Count([Sell("AAPL", m), Buy("AAPL", m)], Week));
    }

    [Fact]
    public void The_session_is_the_New_York_date_and_older_sessions_are_left_out()
    {
        var lateBuy = new DateTime(2026, 11, 23, 20, 59, 0, DateTimeKind.Utc);  // 15:59 New York
        var afterHours = new DateTime(2026, 11, 24, 0, 30, 0, DateTimeKind.Utc); // 19:30 New York, still Monday
        Assert.Equal(1, DayTrades.Count([Buy("SPY", lateBuy), Sell("SPY", afterHours)], Week));
        Assert.Equal(0, DayTrades.Count([Buy("SPY", Monday), Sell("SPY", Monday.AddHours(1))], Week.AddDays(1)));
    }

    [Fact]
    public void The_window_is_the_last_five_sessions_skipping_holidays()
    {
        var calendar = new NyseCalendar();
        // Monday 2026-11-30: 30th, 27th (early close), 25th, 24th, 23rd; Thanksgiving (26th) and the weekend are not sessions.
        Assert.Equal(new DateOnly(2026, 11, 23), DayTrades.WindowStart(calendar, new DateOnly(2026, 11, 30), 5));
        Assert.Equal(new DateOnly(2026, 11, 20), DayTrades.WindowStart(calendar, new DateOnly(2026, 11, 29), 5)); // a Sunday: the five sessions before it
    }

    [Fact]
    public async Task The_guard_refuses_an_entry_that_could_make_a_4th_day_trade_under_25000()
    {
        var dir = Directory.CreateTempSubdirectory("tb-pdt-").FullName;
        try
        {
            await using var engine = await StandaloneEngine.StartAsync(Path.Combine(dir, "pdt.db"), new RecordedBarFeed(), new NoHistory(), new RuntimeOptions { WarmUp = false });
            await using (var db = await engine.Store.CreateDbContextAsync())
            {
                // Two day trades on record (any bot of the account), one simulated that does not count.
                foreach (var (id, symbol) in new[] { ("a1:1", "SPY"), ("a2:1", "QQQ"), ("sim-x-1", "IWM") })
                {
                    var order = new OrderRecord { BotId = 1, ClientOrderId = $"tb1-{symbol}", Symbol = symbol, Side = OrderSide.Buy, Status = OrderStatus.Filled, CreatedAt = Monday, UpdatedAt = Monday };
                    db.Orders.Add(order);
                    await db.SaveChangesAsync();
                    db.Fills.Add(new FillRecord { OrderId = order.Id, ExecutionId = id, Symbol = symbol, Side = OrderSide.Buy, Quantity = 1m, Price = 100m, FilledAt = Monday });
                    db.Fills.Add(new FillRecord { OrderId = order.Id, ExecutionId = id + "s", Symbol = symbol, Side = OrderSide.Sell, Quantity = 1m, Price = 101m, FilledAt = Monday.AddMinutes(5) });
                }
                await db.SaveChangesAsync();
            }
            var broker = new AccountBroker { Equity = 20_000m };
            var clock = new FakeTimeProvider(new DateTimeOffset(Monday.AddHours(2)));
            var guard = new PatternDayTraderGuard(broker, engine.Store, new NyseCalendar(), clock, NullLogger.Instance);
            await guard.RefreshAsync();
            var entry = new Signal("NVDA", Monday.AddHours(2), SignalAction.Buy, 1, "rules", new Dictionary<string, double>());
            Assert.Null(guard.Check(entry)); // two day trades

            broker.Report(Buy("NVDA", Monday.AddHours(1)), Sell("NVDA", Monday.AddHours(1.5))); // a third, reported by the broker
            var refused = guard.Check(entry);
            Assert.Equal(RiskRejectionCode.PatternDayTrader, refused?.Code);
            Assert.Contains("3 day trades", refused!.Message);
            Assert.Contains("20,000.00 equity", refused.Message);

            broker.Equity = 30_000m; // at most once a minute, in the background
            clock.Advance(TimeSpan.FromMinutes(1));
            Assert.NotNull(guard.Check(entry));
            await TradingBlazor.Tests.Support.Eventually.HoldsAsync(() => guard.Check(entry) is null, "the refreshed equity is over 25,000", TimeSpan.FromSeconds(10));
            Assert.Equal(2, broker.AccountReads);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>An account whose equity the test sets and whose executions it reports.</summary>
    private sealed class AccountBroker : IBrokerage
    {
        private int _reads;
        public decimal Equity { get; set; }
        public int AccountReads => Volatile.Read(ref _reads);
        public string Name => "account";
        public bool IsSimulated => false;
        public event Action<Fill>? Filled;
        public event Action<BrokerOrder>? OrderChanged { add { } remove { } }

        public void Report(params AccountFill[] fills)
        {
            foreach (var f in fills) Filled?.Invoke(new Fill($"c-{f.ExecutionId}", f.ExecutionId, f.Symbol, f.Side, 1m, 100m, 0m, f.TimeUtc, ""));
        }

        public Task<BrokerAccount> GetAccountAsync(CancellationToken ct = default)
        {
            Interlocked.Increment(ref _reads);
            return Task.FromResult(new BrokerAccount("ACTIVE", Equity, Equity, Equity));
        }

        public Task<IReadOnlyList<BrokerPosition>> GetPositionsAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<BrokerPosition>>([]);
        public Task<BrokerOrder> SubmitAsync(OrderRequest order, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<BrokerOrder?> FindAsync(string clientOrderId, CancellationToken ct = default) => Task.FromResult<BrokerOrder?>(null);
        public Task CancelAsync(string clientOrderId, CancellationToken ct = default) => Task.CompletedTask;
    }
}
