using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Components.Pages;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Risk;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Backtesting;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Engine.Trading;
using TradingBlazor.Services;
using TradingBlazor.Tests.Components.Fakes;

namespace TradingBlazor.Tests.Components;

public sealed class BotDetailPageTests : ComponentTestBase
{
    private static readonly DateTime Entry = new(2025, 3, 12, 14, 31, 0, DateTimeKind.Utc); // 10:31 New York
    private readonly FakeBotDetailService _details = new();

    public BotDetailPageTests() => Ctx.Services.AddSingleton<IBotDetailService>(_details);

    private static BotDetailView View(BotStatus status = BotStatus.Running)
    {
        var card = FakeBotsService.Bot(3, "Pullback", status, equity: 10_040m, pnl: 40m) with { OpenPositions = 1 };
        var ledger = new BotLedgerView(10_000m, 5_000m, 0m, 10_040m, 25m, 15m,
            new[] { new BotPositionView("SPY", 10m, 500m, 501.5m, 15m, Entry) });
        var order = new OrderView(9, 3, "tb3-SPY-sell", null, "SPY", OrderSide.Sell, 10m, null, OrderStatus.Accepted, 0m, null, null, Entry.AddMinutes(5), Entry.AddMinutes(5));
        var signal = new SignalView(4, 3, "SPY", Entry.AddMinutes(-1), SignalAction.Buy, 0.75, "entry.rule", new Dictionary<string, double?> { ["close"] = 500, ["rsi_7"] = 28.25 },
            true, "approved by trader: sent", "tb3-SPY-buy");
        var trade = new TradeView(12, 3, "Pullback", "SPY", 10m, 500m, Entry, 502.5m, Entry.AddMinutes(30), 25m, 0m, "signal", signal.Values);
        var equity = new[] { new EquityPoint(Entry, 10_000m), new EquityPoint(Entry.AddMinutes(30), 10_025m), new EquityPoint(Entry.AddHours(1), 10_040m) };
        return new BotDetailView(card, "1m", ledger, new[] { order }, new[] { signal }, new[] { trade }, equity);
    }

    private static TradeExplanation Explanation(BotDetailView v)
    {
        var trade = v.Trades[0];
        var checks = RiskChecks.For(SignalAction.Buy, new Domain.Strategies.Config.RiskSettings(), null, null);
        var approval = new ApprovalView(2, 3, "Pullback", "tb3-SPY-buy", "SPY", SignalAction.Buy, null, 5_000m, 500m, 0.75, "confidence 0.75 is below the auto threshold 0.80",
            trade.EntryValues, ApprovalStatus.Approved, Entry.AddMinutes(-1), Entry.AddMinutes(4), Entry.AddSeconds(-20), "trader", "looks fine", "sent");
        var buy = new JournalOrder(new OrderView(7, 3, "tb3-SPY-buy", "b1", "SPY", OrderSide.Buy, 0m, 5_000m, OrderStatus.Filled, 10m, 500m, null, Entry, Entry),
            new[] { new JournalFill(Entry, OrderSide.Buy, 10m, 500m, 0m, "signal") });
        var sell = new JournalOrder(new OrderView(8, 3, "tb3-SPY-sell", "b2", "SPY", OrderSide.Sell, 10m, null, OrderStatus.Filled, 10m, 502.5m, null, trade.ExitUtc!.Value, trade.ExitUtc.Value),
            new[] { new JournalFill(trade.ExitUtc.Value, OrderSide.Sell, 10m, 502.5m, 0m, "signal") });
        var bar = new Bar("SPY", Timeframe.Minute1, Entry.AddMinutes(-1), 499.5m, 500.2m, 499.1m, 500m, 12_345m);
        return new TradeExplanation(trade, bar, v.Signals[0], "close > sma_20 and rsi_7 < 30", checks, approval, buy, new[] { sell });
    }

    private IRenderedComponent<BotDetail> Open(long id = 3) => Render<BotDetail>(p => p.Add(x => x.Id, id));

    [Fact]
    public void Shows_the_ledger_positions_open_orders_signals_trades_and_equity_curve()
    {
        _details.Bots[3] = View();
        Open();

        Assert.Equal("Pullback", ByTestId("page-title").TextContent);
        Assert.Equal("Running", ByTestId("detail-status").TextContent.Trim());
        Assert.Equal("$10,040.00", ByTestId("detail-equity").TextContent.Trim());
        Assert.Contains("$15.00", ByTestId("detail-ledger").TextContent);
        var position = ByTestId("detail-positions").TextContent;
        foreach (var part in new[] { "SPY", "500.00", "501.50", "$15.00" }) Assert.Contains(part, position);
        Assert.Contains("Sell SPY 10", ByTestId("detail-orders").TextContent);
        Assert.Contains("Accepted", ByTestId("detail-orders").TextContent);
        var signal = ByTestId("signal-4").TextContent;
        foreach (var part in new[] { "Mar 12 10:30", "Buy", "conf 0.75", "close 500 · rsi_7 28.25", "approved by trader: sent" }) Assert.Contains(part, signal);
        Assert.Contains("502.50", ByTestId("detail-trades").TextContent);
        Assert.Equal("3", ByTestId("detail-curve").GetAttribute("data-points"));
        Assert.False(HasTestId("detail-journal"));
    }

    [Fact]
    public void Explain_tells_the_trade_from_the_bar_to_the_fills()
    {
        var view = View();
        _details.Bots[3] = view;
        _details.Explanations[12] = Explanation(view);
        Open();

        ByTestId("trade-12-explain").Click();

        Assert.Equal(new[] { 12L }, _details.Explained);
        Assert.Contains("499.50 / 500.20 / 499.10 / 500.00", ByTestId("journal-bar").TextContent);
        Assert.Equal("close > sma_20 and rsi_7 < 30", ByTestId("journal-rule").TextContent);
        Assert.Equal("28.25", ByTestId("journal-value-rsi_7").TextContent);
        Assert.Equal(8, Host.FindAll("[data-testid^=journal-check-][data-state=Passed]").Count);
        Assert.Contains("Open positions", ByTestId("journal-check-MaxOpenPositions").TextContent);
        Assert.Contains("Approved by trader", ByTestId("journal-decision").TextContent);
        Assert.Contains("looks fine", ByTestId("journal-approval").TextContent);
        Assert.Contains("Buy $5,000.00 of SPY · Filled", ByTestId("journal-order-buy").TextContent);
        Assert.Equal(new[] { "10 @ 500.00 · fee $0.00 · Mar 12 10:31:00 ET · signal", "10 @ 502.50 · fee $0.00 · Mar 12 11:01:00 ET · signal" },
            Host.FindAll("[data-testid=journal-fill]").Select(f => f.TextContent.Trim()));
    }

    [Fact]
    public void A_link_with_a_trade_opens_its_journal_and_an_event_of_the_bot_reloads_the_page()
    {
        var view = View();
        _details.Bots[3] = view;
        _details.Explanations[12] = Explanation(view);
        Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("bots/3?trade=12");
        Open();
        Assert.True(HasTestId("trade-journal"));
        int loads = _details.LoadCalls;

        _details.Bots[3] = View(BotStatus.Paused);
        _details.RaiseChanged(99); // another bot: nothing to do
        Assert.Equal(loads, _details.LoadCalls);
        _details.RaiseChanged(3);
        Host.WaitForAssertion(() => Assert.Equal("Paused", ByTestId("detail-status").TextContent.Trim()));
    }

    [Fact]
    public void A_missing_bot_says_so()
    {
        Open(42);
        Assert.Equal("No such bot", ByTestId("page-title").TextContent);
    }
}
