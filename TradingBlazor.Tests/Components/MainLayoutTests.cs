using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using TradingBlazor.Components.Layout;
using TradingBlazor.Services;

namespace TradingBlazor.Tests.Components;

public sealed class MainLayoutTests : ComponentTestBase
{
    private readonly BunitJSModuleInterop _themeModule;

    public MainLayoutTests()
    {
        _themeModule = Ctx.JSInterop.SetupModule("./js/theme.js");
        Ctx.Services.AddSingleton<IKillSwitchService>(new Fakes.FakeKillSwitchService());
    }

    private IRenderedComponent<MainLayout> RenderLayout() =>
        RenderAlone<MainLayout>(p => p.Add(x => x.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p id=\"page-body\">the page</p>"))));

    private static string ThemeOf(IRenderedComponent<MainLayout> cut) => cut.Find(".tb-layout").GetAttribute("data-theme")!;

    private IEnumerable<(string? Name, string? Value)> Saves =>
        _themeModule.Invocations["save"].Select(i => ((string?)i.Arguments[0], (string?)i.Arguments[1]));

    [Fact]
    public void Renders_the_page_body_inside_the_shell_with_the_nav_and_the_market_badge()
    {
        var cut = RenderLayout();

        Assert.Equal("the page", cut.Find(".tb-page #page-body").TextContent);
        Assert.Equal("true", cut.Find(".tb-layout").GetAttribute("data-interactive"));
        Assert.NotNull(cut.Find("[data-testid='nav']"));
        Assert.NotNull(cut.Find("[data-testid='market-badge']"));
        Assert.NotNull(cut.Find(".tb-appbar [data-testid='kill-switch']"));
        Assert.Equal("light", ThemeOf(cut));
    }

    [Fact]
    public async Task The_toggle_switches_to_dark_and_saves_the_cookie()
    {
        var cut = RenderLayout();
        int changes = 0;
        Theme.Changed += () => changes++;

        await cut.Find("[data-testid='theme-toggle']").ClickAsync(new());

        Assert.True(Theme.IsDark);
        Assert.Equal(1, changes);
        Assert.Equal("dark", ThemeOf(cut));
        Assert.Equal(new[] { ((string?)ThemeState.CookieName, (string?)ThemeState.Dark) }, Saves);
        Assert.Equal("TradingBlazorTheme", ThemeState.CookieName);
    }

    [Fact]
    public async Task Toggling_back_saves_light_and_imports_the_module_once()
    {
        var cut = RenderLayout();

        await cut.Find("[data-testid='theme-toggle']").ClickAsync(new());
        await cut.Find("[data-testid='theme-toggle']").ClickAsync(new());

        Assert.False(Theme.IsDark);
        Assert.Equal("light", ThemeOf(cut));
        Assert.Equal(new[] { ("TradingBlazorTheme", "dark"), ("TradingBlazorTheme", "light") }, Saves.Select(s => (s.Name!, s.Value!)));
        Assert.Single(Ctx.JSInterop.Invocations["import"], i => (string?)i.Arguments[0] == "./js/theme.js");
    }

    [Fact]
    public async Task Starting_from_a_dark_cookie_the_toggle_goes_light()
    {
        Theme.Initialize(true);
        var cut = RenderLayout();
        Assert.Equal("dark", ThemeOf(cut));

        await cut.Find("[data-testid='theme-toggle']").ClickAsync(new());

        Assert.False(Theme.IsDark);
        Assert.Equal("light", ThemeOf(cut));
        Assert.Equal(("TradingBlazorTheme", "light"), Saves.Select(s => (s.Name!, s.Value!)).Single());
    }

    [Fact]
    public async Task A_disconnected_browser_still_switches_the_theme()
    {
        _themeModule.SetupVoid("save", _ => true).SetException(new JSDisconnectedException("gone"));
        var cut = RenderLayout();

        await cut.Find("[data-testid='theme-toggle']").ClickAsync(new());

        Assert.True(Theme.IsDark);
        Assert.Equal("dark", ThemeOf(cut));
    }

    [Fact]
    public async Task The_menu_button_toggles_the_drawer()
    {
        var cut = RenderLayout();
        bool Open() => cut.Find(".mud-drawer").ClassList.Contains("mud-drawer--open");
        // Responsive: where it starts depends on the viewport the browser reports (none here); each click flips it.
        bool initial = Open();

        await cut.Find("[aria-label='Toggle navigation']").ClickAsync(new());
        Assert.Equal(!initial, Open());

        await cut.Find("[aria-label='Toggle navigation']").ClickAsync(new());
        Assert.Equal(initial, Open());
    }
}
