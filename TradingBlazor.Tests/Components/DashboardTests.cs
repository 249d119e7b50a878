using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TradingBlazor.Components.Pages;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Time;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Services;
using TradingBlazor.Tests.Components.Fakes;

namespace TradingBlazor.Tests.Components;

public sealed class DashboardTests : ComponentTestBase
{
    private readonly FakeMarketDataService _market = new();
    private readonly FakeBotsService _bots = new();
    private readonly NyseCalendar _calendar = new();

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

    [Fact]
    public async Task Lists_the_bots_compactly_with_their_buttons_and_the_recent_trades()
    {
        _bots.Bots.Add(FakeBotsService.Bot(1, "Momentum", BotStatus.Running, equity: 10_100m));
        _bots.Trades.Add(new TradeActivity(Clock.UtcNow(), 1, "Momentum", "SPY", OrderSide.Buy, 10m, 500m, null));
        Serve(RegularSessionMorning);

        Render<Dashboard>();

        Assert.False(HasTestId("coming-soon"));
        Assert.Equal("Running", Text("bot-1-status"));
        Assert.False(HasTestId("bot-1-equity"));
        Assert.Contains("SPY", ByTestId("dashboard-trades").TextContent);
        Assert.Equal(new[] { 10 }, _bots.TradeLimits);

        await ByTestId("bot-1-pause").ClickAsync(new());

        Assert.Equal(new[] { new FakeBotsService.CommandCall(1, Engine.Bots.BotCommand.Pause) }, _bots.Commands);
        Host.WaitForAssertion(() => Assert.Equal("Paused", Text("bot-1-status")));
    }
}
