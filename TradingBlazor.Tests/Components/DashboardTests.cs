using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TradingBlazor.Components.Pages;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Time;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Services;
using TradingBlazor.Tests.Components.Fakes;

namespace TradingBlazor.Tests.Components;

public sealed class DashboardTests : ComponentTestBase
{
    private readonly FakeMarketDataService _market = new();
    private readonly FakeBotsService _bots = new();
    private readonly NyseCalendar _calendar = new();
    private readonly FakeKillSwitchService _killSwitch = new();

    /// <summary>Serves the view the real service would build at <paramref name="atUtc"/>: the calendar's status at the fake clock's instant.</summary>
    private FakeDashboardService Serve(DateTimeOffset atUtc, decimal pnl = 0m, Dictionary<BotStatus, int>? bots = null,
        HealthStatus health = HealthStatus.Healthy, params ComponentHealth[] components)
    {
        StartClockAt(atUtc);
        var view = new DashboardView(_calendar.GetStatus(Clock.UtcNow()), bots ?? new Dictionary<BotStatus, int>(), pnl, 3, 1, health, components, "SPY");
        var service = new FakeDashboardService(view);
        Ctx.Services.AddSingleton<IDashboardService>(service);
        Ctx.Services.AddSingleton<IMarketDataService>(_market);
        Ctx.Services.AddSingleton<IBotsService>(_bots);
        Ctx.Services.AddSingleton<IApprovalsService>(new FakeApprovalsService());
        Ctx.Services.AddSingleton<IKillSwitchService>(_killSwitch);
        return service;
    }

    private static DateTimeOffset Eastern(int year, int month, int day, int hour, int minute = 0) =>
        new(MarketTime.ToUtc(new DateOnly(year, month, day), new TimeOnly(hour, minute)), TimeSpan.Zero);

    private string Text(string testId) => ByTestId(testId).TextContent.Trim();

    private string SessionValue => ByTestId("card-session").QuerySelector(".tb-stat-value")!.TextContent.Trim();
    private string SessionNext => ByTestId("card-session").QuerySelector(".tb-muted")!.TextContent.Trim();

    [Fact]
    public void Shows_a_gain_in_dollars_with_the_gain_style_and_the_day_counts()
    {
        var service = Serve(RegularSessionMorning, pnl: 1234.5m);

        Render<Dashboard>();

        Assert.Equal("$1,234.50", Text("pnl-today"));
        Assert.Contains("tb-gain", ByTestId("pnl-today").ClassList);
        Assert.Contains("3 trades closed · 1 open positions", ByTestId("card-pnl").TextContent);
        Assert.Equal(1, service.LoadCalls);
    }

    [Fact]
    public void Shows_a_loss_with_the_loss_style_and_zero_unstyled()
    {
        Serve(RegularSessionMorning, pnl: -42.1m);
        Render<Dashboard>();
        Assert.Equal("-$42.10", Text("pnl-today"));
        Assert.Contains("tb-loss", ByTestId("pnl-today").ClassList);
    }

    [Fact]
    public void Zero_pnl_has_neither_style()
    {
        Serve(RegularSessionMorning, pnl: 0m);
        Render<Dashboard>();
        Assert.Equal("$0.00", Text("pnl-today"));
        Assert.DoesNotContain("tb-gain", ByTestId("pnl-today").ClassList);
        Assert.DoesNotContain("tb-loss", ByTestId("pnl-today").ClassList);
    }

    [Fact]
    public void Shows_health_and_each_component()
    {
        Serve(RegularSessionMorning, health: HealthStatus.Degraded,
            components: new[] { new ComponentHealth("database", HealthStatus.Healthy), new ComponentHealth("alpaca", HealthStatus.Degraded) });

        Render<Dashboard>();

        Assert.Equal("Degraded", Text("system-status"));
        Assert.DoesNotContain("tb-gain", ByTestId("system-status").ClassList);
        Assert.Contains("database healthy · alpaca degraded", ByTestId("card-system").TextContent);
    }

    [Fact]
    public void Unhealthy_is_styled_as_a_loss_and_healthy_as_a_gain()
    {
        Serve(RegularSessionMorning, health: HealthStatus.Unhealthy, components: new ComponentHealth("database", HealthStatus.Unhealthy));
        Render<Dashboard>();
        Assert.Equal("Unhealthy", Text("system-status"));
        Assert.Contains("tb-loss", ByTestId("system-status").ClassList);
    }

    [Fact]
    public void No_bots_says_so()
    {
        Serve(RegularSessionMorning);
        Render<Dashboard>();
        Assert.Contains("0 configured", ByTestId("card-bots").TextContent);
        Assert.Contains("No bots yet", ByTestId("card-bots").TextContent);
    }

    [Fact]
    public void Bots_are_counted_by_status()
    {
        Serve(RegularSessionMorning, bots: new Dictionary<BotStatus, int> { [BotStatus.Running] = 2, [BotStatus.Stopped] = 1 });
        Render<Dashboard>();
        Assert.Contains("3 configured", ByTestId("card-bots").TextContent);
        Assert.Contains("1 stopped · 2 running · 0 paused · 0 error", ByTestId("card-bots").TextContent);
        Assert.DoesNotContain("No bots yet", ByTestId("card-bots").TextContent);
    }

    [Fact]
    public void A_regular_session_shows_its_hours_and_the_close()
    {
        Serve(Eastern(2025, 3, 12, 11));
        Render<Dashboard>();
        Assert.Equal("09:30–16:00 ET", SessionValue);
        Assert.Equal("Closes 16:00 ET", SessionNext);
    }

    [Fact]
    public void After_the_close_shows_the_next_open()
    {
        Serve(Eastern(2025, 3, 12, 17));
        Render<Dashboard>();
        Assert.Equal("09:30–16:00 ET", SessionValue);
        Assert.Equal("Next open Thu Mar 13, 09:30 ET", SessionNext);
    }

    [Fact]
    public void A_holiday_shows_its_name_and_the_next_open()
    {
        Serve(Eastern(2025, 7, 4, 12));
        Render<Dashboard>();
        Assert.Equal("Independence Day", SessionValue);
        Assert.Equal("Next open Mon Jul 7, 09:30 ET", SessionNext);
    }

    [Fact]
    public void An_early_close_day_says_early_close()
    {
        Serve(Eastern(2025, 11, 28, 10));
        Render<Dashboard>();
        Assert.Equal("09:30–13:00 ET (early close)", SessionValue);
        Assert.Equal("Closes 13:00 ET", SessionNext);
    }

    [Fact]
    public void A_weekend_says_closed()
    {
        Serve(Eastern(2025, 3, 15, 12));
        Render<Dashboard>();
        Assert.Equal("Weekend: closed", SessionValue);
        Assert.Equal("Next open Mon Mar 17, 09:30 ET", SessionNext);
    }

    [Fact]
    public void Before_the_data_arrives_shows_placeholders_and_no_chart()
    {
        var service = Serve(RegularSessionMorning, pnl: 5m);
        service.Pending = new TaskCompletionSource<DashboardView>();

        Render<Dashboard>();

        Assert.Equal("Checking…", Text("system-status"));
        Assert.Equal("…", SessionValue);
        Assert.Equal("$0.00", Text("pnl-today"));
        Assert.False(HasTestId("dashboard-chart"));
        Assert.Empty(_market.ChartsOpened);

        service.Pending.SetResult(service.View);

        Host.WaitForAssertion(() => Assert.Equal("Healthy", Text("system-status")));
        Assert.Equal("$5.00", Text("pnl-today"));
        Assert.True(HasTestId("dashboard-chart"));
    }

    [Fact]
    public void Charts_the_symbol_on_five_minute_bars_with_vwap_and_ema()
    {
        var chart = Ctx.JSInterop.SetupModule("./js/price-chart.js");
        chart.Setup<int>("create", _ => true).SetResult(3);
        Serve(RegularSessionMorning);

        Render<Dashboard>();

        Host.WaitForAssertion(() => Assert.Equal("3", ByTestId("price-chart").GetAttribute("data-chart-id")));
        Assert.Contains("SPY · 5m", ByTestId("dashboard-chart").TextContent);
        Assert.Equal(new[] { ("SPY", Timeframe.Minute5) }, _market.ChartsOpened);
        Assert.Equal("40", ByTestId("price-chart").GetAttribute("data-candles"));
        Assert.Single(chart.Invocations["setData"]);
        Assert.Equal(new[] { "vwap", "ema_20" }, chart.Invocations["setIndicator"].Select(i => (string)i.Arguments[1]!));
        Assert.False(HasTestId("chart-error"));
    }

    private static BotTile Tile(BotCard bot, decimal today = 0m, SignalView? last = null, params decimal[] curve) =>
        new(bot, today, last, curve.Length > 0 ? curve : new[] { bot.Capital, bot.Equity });

    [Fact]
    public async Task A_card_per_bot_shows_its_status_money_signal_and_sparkline_and_sends_its_commands()
    {
        var bot = FakeBotsService.Bot(1, "Momentum", BotStatus.Running, equity: 10_100m, pnl: 100m) with { StatusReason = "resumed at start-up", OpenPositions = 1 };
        _bots.Bots.Add(bot);
        _bots.Trades.Add(new TradeActivity(Clock.UtcNow(), 1, "Momentum", "SPY", OrderSide.Buy, 10m, 500m, null));
        var service = Serve(RegularSessionMorning);
        var signal = new SignalView(4, 1, "SPY", Eastern(2025, 3, 12, 10, 55).UtcDateTime, SignalAction.Buy, 0.9, "entry.rule",
            new Dictionary<string, double?> { ["close"] = 500 }, true, "executed", "tb1-SPY-x");
        service.Tiles.Add(Tile(bot, today: -12.5m, last: signal, 10_000m, 9_990m, 10_100m));

        Render<Dashboard>();

        Assert.Equal("Running", Text("bot-tile-1-status"));
        Assert.Equal("resumed at start-up", Text("bot-tile-1-reason"));
        Assert.Equal("-$12.50", Text("bot-tile-1-today"));
        Assert.Contains("tb-loss", ByTestId("bot-tile-1-today").ClassList);
        Assert.Equal("$100.00", Text("bot-tile-1-total"));
        Assert.Equal("1 position", Text("bot-tile-1-positions"));
        Assert.Equal("Last signal: Buy SPY Mar 12 10:55 ET · executed", Text("bot-tile-1-signal"));
        Assert.Equal("3", ByTestId("bot-tile-1-spark").GetAttribute("data-points"));
        Assert.EndsWith("bots/1", ByTestId("bot-tile-1-link").GetAttribute("href"));
        Assert.Contains("SPY · auto · $10,000.00 capital", ByTestId("bot-tile-1").TextContent);
        Assert.Contains("SPY", ByTestId("dashboard-trades").TextContent);
        Assert.Equal(new[] { 10 }, _bots.TradeLimits);
        Assert.True(ByTestId("bot-tile-1-start").HasAttribute("disabled"));

        await ByTestId("bot-tile-1-pause").ClickAsync(new());

        Assert.Equal(new[] { new FakeBotsService.CommandCall(1, Engine.Bots.BotCommand.Pause) }, _bots.Commands);
        Host.WaitForAssertion(() => Assert.Equal(2, service.LoadCalls)); // reloaded at once after the command
    }

    [Fact]
    public void The_kill_switch_engaged_elsewhere_shows_its_banner_at_once_and_each_halted_bot_says_so_on_its_card()
    {
        _bots.Bots.Add(FakeBotsService.Bot(1, "Momentum", BotStatus.Running) with { Halt = KillSwitch.HaltReason });
        var service = Serve(RegularSessionMorning);
        service.Tiles.Add(Tile(_bots.Bots[0]));
        Render<Dashboard>();
        Assert.False(HasTestId("kill-switch-banner"));

        _killSwitch.EngageElsewhere("api");

        Host.WaitForAssertion(() => Assert.Contains("Kill switch engaged by api: every bot is halted (exits only)",
            System.Text.RegularExpressions.Regex.Replace(Text("kill-switch-banner"), @"\s+", " ")));
        Assert.Equal("Halted (exits only): kill switch", Text("bot-tile-1-halt"));
        Assert.False(HasTestId("bot-tile-1-reason"));
        Assert.True(_killSwitch.HasSubscribers);
    }

    [Fact]
    public void An_engine_event_reloads_the_cards_and_the_figures_without_polling()
    {
        var service = Serve(RegularSessionMorning);
        Render<Dashboard>();
        Assert.True(HasTestId("no-bots"));
        Assert.True(service.HasSubscribers);

        var bot = FakeBotsService.Bot(2, "Breakout", BotStatus.Paused);
        service.Tiles.Add(Tile(bot));
        service.View = service.View with { RealizedPnlToday = 7m };
        service.RaiseChanged();

        Host.WaitForAssertion(() => Assert.Equal("Paused", Text("bot-tile-2-status")));
        Assert.Equal("$7.00", Text("pnl-today"));
        Assert.Equal(2, service.LoadCalls);
        Assert.Equal("No signal yet", Text("bot-tile-2-signal"));
    }

    [Fact]
    public void The_portfolio_shows_equity_and_pnl_today_realized_plus_open_and_since_start()
    {
        var service = Serve(RegularSessionMorning);
        service.View = service.View with { Portfolio = new PortfolioSummary(20_000m, 20_350m, 120m, -20m, 350m) };

        Render<Dashboard>();

        Assert.Equal("$20,350.00", Text("portfolio-equity"));
        Assert.Equal("$350.00", Text("pnl-since-start"));
        Assert.Contains("tb-gain", ByTestId("pnl-since-start").ClassList);
        Assert.Equal("$100.00", Text("pnl-today"));
        Assert.Equal("$120.00 realized + -$20.00 open ·", Text("pnl-split"));
    }

    [Fact]
    public void On_the_simulated_market_the_page_labels_its_clock_and_names_broker_and_stream()
    {
        var service = Serve(RegularSessionMorning);
        service.View = service.View with
        {
            SimulatedTime = true,
            Connection = new ConnectionSummary(Engine.Brokerage.BrokerMode.Simulated, "Simulated broker", Array.Empty<string>()),
        };

        Render<Dashboard>();

        Assert.Contains("SIMULATED MARKET", Text("dashboard-clock"));
        Assert.Contains("Sim time", Text("sim-clock"));
        Assert.Contains("Simulated session (NYSE)", Text("card-session"));
        Assert.Equal("Broker: Simulated broker · Stream: simulated feed", Text("connection-status"));
    }

    [Fact]
    public void The_chart_carries_the_bots_entries_and_exits_as_markers_and_follows_the_chosen_symbol()
    {
        var chart = Ctx.JSInterop.SetupModule("./js/price-chart.js");
        chart.Setup<int>("create", _ => true).SetResult(5);
        var service = Serve(RegularSessionMorning);
        service.View = service.View with { ChartSymbols = new[] { "SPY", "QQQ" } };
        service.Markers["SPY"] = new() { Engine.Charts.TradeMarkers.Entry(1_741_791_600, 10m), Engine.Charts.TradeMarkers.Exit(1_741_792_500, -3.5m) };
        service.Markers["QQQ"] = new() { Engine.Charts.TradeMarkers.Entry(1_741_791_600, 2m) };

        Render<Dashboard>();

        Host.WaitForAssertion(() => Assert.Equal("2", ByTestId("price-chart").GetAttribute("data-markers")));
        var sent = Assert.Single(chart.Invocations["setMarkers"]);
        var markers = Assert.IsAssignableFrom<IReadOnlyList<Engine.Backtesting.ChartMarker>>(sent.Arguments[1]);
        Assert.Equal(new[] { "Buy 10", "Sell -3.5" }, markers.Select(m => m.Text));
        Assert.Equal("#ef5350", markers[1].Color);
        Assert.Equal("2 trade markers", Text("chart-markers"));
    }
}
