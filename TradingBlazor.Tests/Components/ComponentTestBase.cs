using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Services;
using TradingBlazor.Tests.Components.Fakes;

namespace TradingBlazor.Tests.Components;

/// <summary>
/// One bUnit context per test with MudBlazor's services, loose JS interop, the real NYSE calendar and a fake clock.
/// Components render inside a host that also holds MudBlazor's popover, dialog and snackbar providers, so select menus,
/// dialogs and snackbars appear in <see cref="Host"/>'s markup. The context is disposed asynchronously: MudBlazor's
/// services are only IAsyncDisposable.
/// </summary>
public abstract class ComponentTestBase : IAsyncLifetime
{
    /// <summary>Wednesday 2025-03-12 11:00 ET: a regular session, open.</summary>
    public static readonly DateTimeOffset RegularSessionMorning = new(2025, 3, 12, 15, 0, 0, TimeSpan.Zero);

    // WaitFor* return as soon as the assertion holds; the bound only matters for a failure, and a busy machine (a
    // first render pays for JIT) can need more than bUnit's default second.
    static ComponentTestBase() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected ComponentTestBase()
    {
        Ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        // No transitions: a snackbar's text is there at once, not after its fade-in timer.
        Ctx.Services.AddMudServices(mud =>
        {
            mud.SnackbarConfiguration.ShowTransitionDuration = 0;
            mud.SnackbarConfiguration.HideTransitionDuration = 0;
        });
        Ctx.Services.AddSingleton<TimeProvider>(_ => Clock);
        Ctx.Services.AddSingleton<IMarketCalendar>(new NyseCalendar());
        Ctx.Services.AddScoped<ThemeState>();
        // The shell's bell and nav read alerts on every page.
        Ctx.Services.AddSingleton<IAlertsService>(Alerts);
        // ...the sign-out button asks whether the trader signed in...
        Ctx.Services.AddSingleton<ISignInService>(SignIn);
        // ...and the header's market badge and the approval countdowns read the trading clock.
        TradingClock = new FakeTradingClock(() => Clock.GetUtcNow().UtcDateTime);
        Ctx.Services.AddSingleton<ITradingClock>(TradingClock);
    }

    protected FakeSignInService SignIn { get; } = new();

    protected FakeTradingClock TradingClock { get; }

    protected FakeAlertsService Alerts { get; } = new();

    protected BunitContext Ctx { get; } = new();

    /// <summary>The app's clock; <see cref="StartClockAt"/> picks another start before rendering (a fake clock cannot go back).</summary>
    protected FakeTimeProvider Clock { get; private set; } = new(RegularSessionMorning);

    protected void StartClockAt(DateTimeOffset utc) => Clock = new FakeTimeProvider(utc);

    /// <summary>The providers and the component under test, once something was rendered.</summary>
    protected IRenderedComponent<TestHost> Host { get; private set; } = null!;

    protected ThemeState Theme => Ctx.Services.GetRequiredService<ThemeState>();

    protected IRenderedComponent<TComponent> Render<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>>? parameters = null)
        where TComponent : IComponent
    {
        PrepareRenderer();
        Host = Ctx.Render<TestHost>(host => host.AddChildContent(parameters ?? (_ => { })));
        return Host.FindComponent<TComponent>();
    }

    /// <summary>Renders the providers alone, for dialogs shown straight through <see cref="IDialogService"/>.</summary>
    protected IRenderedComponent<TestHost> RenderProviders()
    {
        PrepareRenderer();
        return Host = Ctx.Render<TestHost>();
    }

    /// <summary>Renders a component that brings its own MudBlazor providers (the layout) without the host.</summary>
    protected IRenderedComponent<TComponent> RenderAlone<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>>? parameters = null)
        where TComponent : IComponent
    {
        PrepareRenderer();
        return Ctx.Render(parameters ?? (_ => { }));
    }

    /// <summary>The element with this data-testid anywhere in the host (dialogs and popovers included).</summary>
    protected IElement ByTestId(string testId) => Host.Find($"[data-testid='{testId}']");

    protected bool HasTestId(string testId) => Host.FindAll($"[data-testid='{testId}']").Count > 0;

    /// <summary>Picks a value in the MudSelect with this label, as choosing it in its menu does.</summary>
    protected async Task SelectAsync<T>(string label, T value)
    {
        var select = Host.FindComponents<MudSelect<T>>().Single(s => s.Instance.Label == label);
        await Host.InvokeAsync(() => select.Instance.SelectOption(value));
    }

    private void PrepareRenderer()
    {
        // Formats are asserted literally: render as the invariant culture, whatever the machine's.
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        // As the app runs: interactive server. Set here, not in the constructor: it resolves the renderer, which freezes the services.
        Ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Ctx.DisposeAsync();
}

/// <summary>MudBlazor's providers, then the component under test.</summary>
public sealed class TestHost : ComponentBase
{
    [Parameter] public RenderFragment? ChildContent { get; set; }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<MudSnackbarProvider>(2);
        builder.CloseComponent();
        builder.AddContent(3, ChildContent);
    }
}
