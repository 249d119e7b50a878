using CsCheck;
using TradingBlazor.Domain.Execution;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Backtesting;
using TradingBlazor.Engine.Trading;

namespace TradingBlazor.Tests.EngineTests;

/// <summary>
/// The pipeline over the simulated broker, on random bars, random bots and random fill models. After every bar:
/// cash is never negative, no buy costs more than the cash it may use (zero leverage), the book's positions are
/// the sum of its fills and equal the broker's, each client order id is ordered once and each execution booked once.
/// </summary>
public class PipelineInvariantTests
{
    private static readonly DateTime Open = new(2026, 11, 2, 14, 30, 0, DateTimeKind.Utc); // Monday 09:30 New York
    private static readonly string[] Rules =
    {
        "close > sma_5", "close < sma_5", "rsi_7 < 40", "rsi_7 > 60", "close > open", "close < open", "close > 0", "sma_5 crosses_above sma_10",
        "sma_5 crosses_below sma_10",
    };

    /// <summary>A symbol's minutes: each a move from the last close in basis points, a gap at the open, and wicks.</summary>
    private static readonly Gen<(int Move, int Gap, int Up, int Down)[]> Walk = Gen.Select(Gen.Int[-300, 300], Gen.Int[-150, 150], Gen.Int[0, 80], Gen.Int[0, 80]).Array[5, 120];

    private sealed record Scenario(BotConfig Config, FillModel Fill, Dictionary<string, List<Bar>> Bars);

    private static readonly Gen<RiskSettings> Risk = Gen.Select(
        Gen.Int[0, 3], Gen.Int[1, 100], Gen.Int[0, 3], Gen.Int[1, 3], Gen.Bool,
        (sizing, fraction, exits, maxOpen, fractional) => new RiskSettings
        {
            PositionSizing = (PositionSizing)sizing,
            PositionFraction = fraction / 100m,
            PositionAmount = fraction * 150m,
            StopLoss = exits is 1 or 3 ? 0.01m : null,
            TakeProfit = exits is 2 or 3 ? 0.015m : null,
            TrailingStop = exits == 3 ? 0.02m : null,
            MaxOpenPositions = maxOpen,
            FractionalShares = fractional,
        });

    private static readonly Gen<FillModel> Fills = Gen.Select(Gen.Bool, Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[0, 30], Gen.Bool,
        (nextOpen, perOrder, perShare, bps, fractional) => new FillModel(nextOpen ? FillTiming.NextOpen : FillTiming.SameClose,
            new CommissionModel(perOrder, perShare / 100m, bps / 20_000m), new SlippageModel(bps), fractional));

    private static readonly Gen<Scenario> Scenarios = Gen.Select(
        Gen.Int[0, Rules.Length - 1], Gen.Int[0, Rules.Length - 1], Gen.Int[1, 3], Gen.Int[50, 20_000], Risk, Fills, Walk.Array[1, 3], Gen.Int[20, 800],
        (entry, exit, symbols, capital, risk, fill, walks, startPrice) =>
        {
            var names = new[] { "AAA", "BBB", "CCC" }.Take(Math.Min(symbols, walks.Length)).ToList();
            var config = BotConfig.Parse($$"""
                { "name": "invariants", "symbols": [{{string.Join(',', names.Select(n => $"\"{n}\""))}}], "capital": {{capital}}, "timeframe": "1m",
                  "trading_window": { "start": "09:30", "end": "16:00" }, "indicators": ["sma(5)", "sma(10)", "rsi(7)"],
                  "entry": { "rule": "{{Rules[entry]}}" }, "exit": { "rule": "{{Rules[exit]}}" } }
                """) with { Risk = risk };
            var bars = names.Select((name, k) => (name, Bars(name, startPrice * (k + 1) / 3m + 1, walks[k]))).ToDictionary(x => x.name, x => x.Item2);
            return new Scenario(config, fill with { FractionalShares = risk.FractionalShares }, bars);
        });

    private static List<Bar> Bars(string symbol, decimal start, (int Move, int Gap, int Up, int Down)[] walk)
    {
        var bars = new List<Bar>(walk.Length);
        decimal close = decimal.Round(start, 2);
        for (int i = 0; i < walk.Length; i++)
        {
            var (move, gap, up, down) = walk[i];
            decimal open = Price(close, gap);
            decimal next = Price(open, move);
            decimal high = Price(Math.Max(open, next), up), low = Price(Math.Min(open, next), -down);
            bars.Add(new Bar(symbol, Timeframe.Minute1, Open.AddMinutes(i), open, high, low, next, 1000 + i));
            close = next;
        }
        return bars;
    }

    private static decimal Price(decimal from, int bps) => Math.Max(decimal.Round(from * (1 + bps / 10_000m), 2), 0.01m);

    [Fact]
    public void Random_bars_through_the_pipeline_keep_the_book_within_its_cash_and_equal_to_the_broker()
    {
        int traded = 0, exited = 0, refused = 0;
        Scenarios.Sample(scenario =>
        {
            var errors = BotConfigValidator.Validate(scenario.Config);
            Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));
            var bot = BotConfigValidator.CompileOrThrow(scenario.Config);
            BotLedger? ledger = null;
            var journal = new CheckingJournal(() => ledger!, scenario.Fill.Commission);
            var run = Backtester.Start(bot, new BacktestOptions { Fill = scenario.Fill }, journal);
            ledger = run.Pipeline.Ledger;

            // Symbols interleaved in time, as the backtester and the live feed deliver them.
            foreach (var bar in scenario.Bars.Values.SelectMany(b => b).OrderBy(b => b.StartUtc).ThenBy(b => b.Symbol, StringComparer.Ordinal))
            {
                var step = run.Pipeline.OnBarAsync(bar);
                Assert.True(step.IsCompletedSuccessfully);
                AssertBook(run, journal);
            }
            if (journal.Fills.Count > 0) Interlocked.Increment(ref traded);
            if (journal.Fills.Any(f => f.Side == OrderSide.Sell)) Interlocked.Increment(ref exited);
            if (run.Journal.Signals.Any(s => s.Rejection?.Code == Domain.Risk.RiskRejectionCode.InsufficientCash)) Interlocked.Increment(ref refused);
        }, iter: 400);
        // The generators reach the interesting paths: entries, exits, and entries the cash cannot pay for.
        Assert.True(traded > 100 && exited > 50 && refused > 0, $"traded {traded}, exited {exited}, refused for cash {refused}");
    }

    [Fact]
    public void A_position_bought_beside_another_can_still_be_sold_when_both_prices_collapse()
    {
        // 90 of 100 dollars in one symbol, the rest in a second: with $2 per order and 2 cents a share, selling both
        // at a cent a share costs more than it brings, so the cash to close them must have been kept back.
        var config = BotConfig.Parse("""
            { "name": "fees", "symbols": ["AAA", "BBB"], "capital": 100, "timeframe": "1m",
              "trading_window": { "start": "09:30", "end": "16:00" }, "entry": { "rule": "close > 5" }, "exit": { "rule": "close < 1" },
              "risk": { "position_sizing": "fixed_amount", "position_amount": 90, "max_open_positions": 2, "fractional_shares": true } }
            """);
        var fill = new FillModel(FillTiming.NextOpen, new CommissionModel(PerOrder: 2m, PerShare: 0.02m), new SlippageModel(), FractionalShares: true);
        BotLedger? ledger = null;
        var journal = new CheckingJournal(() => ledger!, fill.Commission);
        var run = Backtester.Start(BotConfigValidator.CompileOrThrow(config), new BacktestOptions { Fill = fill }, journal);
        ledger = run.Pipeline.Ledger;
        decimal[] opens = { 10m, 10m, 10m, 0.01m, 0.01m }, closes = { 10m, 10m, 0.01m, 0.01m, 0.01m };
        for (int i = 0; i < opens.Length; i++)
            foreach (var symbol in new[] { "AAA", "BBB" })
            {
                var (open, close) = (opens[i], closes[i]);
                var bar = new Bar(symbol, Timeframe.Minute1, Open.AddMinutes(i), open, Math.Max(open, close), Math.Min(open, close), close, 1000);
                Assert.True(run.Pipeline.OnBarAsync(bar).IsCompletedSuccessfully);
                AssertBook(run, journal);
            }
        Assert.Equal(2, journal.Fills.Count(f => f.Side == OrderSide.Buy));
        Assert.Equal(2, journal.Fills.Count(f => f.Side == OrderSide.Sell));
        Assert.Empty(ledger.Positions);
    }

    private static void AssertBook(BacktestRun run, CheckingJournal journal)
    {
        var ledger = run.Pipeline.Ledger;
        Assert.True(ledger.Cash >= 0, $"cash {ledger.Cash}");
        Assert.Equal(run.Broker.Cash, ledger.Cash);
        foreach (var symbol in journal.Fills.Select(f => f.Symbol).Concat(ledger.Positions.Keys).Distinct())
        {
            decimal sum = journal.Fills.Where(f => f.Symbol == symbol).Sum(f => f.Side == OrderSide.Buy ? f.Quantity : -f.Quantity);
            Assert.Equal(sum, ledger.HeldQuantity(symbol));
            Assert.Equal(sum, run.Broker.HeldQuantity(symbol));
        }
        Assert.Equal(ledger.Fills.Count, journal.Fills.Count); // every execution booked is journaled, once
    }

    /// <summary>Checks each order as it is stored and each execution as it is booked.</summary>
    private sealed class CheckingJournal(Func<BotLedger> ledger, CommissionModel commission) : ITradingJournal
    {
        private readonly Dictionary<string, OrderRequest> _orders = new(StringComparer.Ordinal);
        private readonly HashSet<string> _executions = new(StringComparer.Ordinal);
        public List<Fill> Fills { get; } = new();

        public ValueTask SignalAsync(SignalOutcome outcome) => default;

        public ValueTask OrderCreatedAsync(OrderRequest order, decimal decisionPrice)
        {
            Assert.True(_orders.TryAdd(order.ClientOrderId, order), $"{order.ClientOrderId} ordered twice");
            var book = ledger();
            if (order.Side == OrderSide.Buy)
            {
                // The book has reserved this order already: it and every other open buy fit in the cash, fees included.
                decimal fee = commission.ForNotional(order.Notional ?? 0m);
                Assert.True(book.Cash - book.Reserved >= fee, $"{order.ClientOrderId}: cash {book.Cash}, reserved {book.Reserved}, fee {fee}");
            }
            else Assert.True(order.Quantity <= book.HeldQuantity(order.Symbol), $"{order.ClientOrderId} sells more than held");
            return default;
        }

        public ValueTask OrderChangedAsync(BrokerOrder order) => default;

        public ValueTask FillAsync(Fill fill, ClosedTrade? closed, BotLedger book)
        {
            Assert.True(_executions.Add(fill.ExecutionId), $"{fill.ExecutionId} booked twice");
            // An entry never costs more than the notional it reserved; exits the broker triggers have no order of ours.
            if (fill.Side == OrderSide.Buy)
            {
                var order = Assert.Contains(fill.ClientOrderId, _orders);
                if (order.Notional is { } notional) Assert.True(fill.Quantity * fill.Price + fill.Fee <= notional, $"{fill.ClientOrderId} cost more than {notional}");
            }
            else if (!fill.ClientOrderId.EndsWith("-x", StringComparison.Ordinal)) Assert.Contains(fill.ClientOrderId, _orders);
            Fills.Add(fill);
            return default;
        }
    }
}
