using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TradingBlazor.Components;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.Time;
using TradingBlazor.Services;
using TradingBlazor.Tests.Components.Fakes;

namespace TradingBlazor.Tests.Components;

public sealed class RoutesTests : ComponentTestBase
{
    private readonly FakeDashboardService _dashboard;

    public RoutesTests()
    {
        _dashboard = new FakeDashboardService(new DashboardView(new NyseCalendar().GetStatus(Clock.UtcNow()), new Dictionary<Domain.Trading.BotStatus, int>(),
            0m, 0, 0, HealthStatus.Healthy, Array.Empty<ComponentHealth>(), "SPY"));
        Ctx.Services.AddSingleton<IDashboardService>(_dashboard);
        Ctx.Services.AddSingleton<IMarketDataService>(new FakeMarketDataService());
        Ctx.Services.AddSingleton<IBotsService>(new FakeBotsService());
        Ctx.Services.AddSingleton<IApprovalsService>(new FakeApprovalsService());
        Ctx.Services.AddSingleton<IKillSwitchService>(new FakeKillSwitchService());
    }

    [Fact]
    public void The_root_is_the_dashboard_in_the_layout()
    {
        var cut = RenderAlone<Routes>();

        Assert.Equal("Dashboard", cut.Find("[data-testid='page-title']").TextContent);
        Assert.NotNull(cut.Find(".tb-layout [data-testid='nav']"));
        Assert.Equal(1, _dashboard.LoadCalls);
    }

    [Fact]
    public void The_saved_dark_theme_is_in_force_from_the_first_render_without_a_change_event()
    {
        int changes = 0;
        Theme.Changed += () => changes++;

        var cut = RenderAlone<Routes>(p => p.Add(x => x.DarkMode, true));

        Assert.True(Theme.IsDark);
        Assert.Equal(0, changes);
        Assert.Equal("dark", cut.Find(".tb-layout").GetAttribute("data-theme"));
    }

    [Fact]
    public void Without_a_saved_theme_it_is_light()
    {
        var cut = RenderAlone<Routes>();

        Assert.False(Theme.IsDark);
        Assert.Equal("light", cut.Find(".tb-layout").GetAttribute("data-theme"));
    }

    [Fact]
    public void An_unknown_address_says_not_found_inside_the_layout()
    {
        Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("no/such/page");

        var cut = RenderAlone<Routes>();

        Assert.Equal("Nothing at this address", cut.Find("[data-testid='page-title']").TextContent);
        Assert.NotNull(cut.Find("[data-testid='not-found-home']"));
        Assert.NotNull(cut.Find(".tb-layout [data-testid='nav']"));
        Assert.Equal(0, _dashboard.LoadCalls);
    }
}
