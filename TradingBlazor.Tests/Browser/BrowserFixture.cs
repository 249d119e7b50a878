using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Engine.Events;
using TradingBlazor.Services;
using TradingBlazor.Tests.Support;
using TradingBlazor.Tests.Support.Engine;

namespace TradingBlazor.Tests.Browser;

/// <summary>One real app on Kestrel and one headless Debian Chromium shared by the browser tests of a collection.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public TestApp App { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        App = await TestApp.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync(_playwright);
    }

    /// <summary>The machine's headless Debian Chromium, kept off the outside network it does not have.</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ChromiumPath,
        Headless = true,
        Args = new[] { "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync" },
    });

    /// <summary>A fresh browser context (own cookies) with a page opened on the app and interactive.</summary>
    public async Task<IPage> OpenAsync(string path = "", IBrowserContext? context = null)
    {
        context ??= await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 860 } });
        var page = await context.NewPageAsync();
        await GotoAsync(page, path);
        return page;
    }

    /// <summary>A page at a viewport size in the light or dark theme (the trader's saved cookie), opened and interactive.</summary>
    public async Task<IPage> OpenAsync(string path, int width, int height, bool dark)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, AcceptDownloads = true });
        await context.AddCookiesAsync(new[] { new Cookie { Name = ThemeState.CookieName, Value = dark ? ThemeState.Dark : ThemeState.Light, Url = App.BaseUrl } });
        return await OpenAsync(path, context);
    }

    public async Task GotoAsync(IPage page, string path)
    {
        await page.GotoAsync($"{App.BaseUrl}/{path}");
        await WaitInteractiveAsync(page);
    }

    /// <summary>Blazor Server prerenders first; clicks only work once the circuit is up.</summary>
    public static Task WaitInteractiveAsync(IPage page) =>
        page.Locator(".tb-layout[data-interactive='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 20000 });

    /// <summary>Picks an item of the select whose list is open (MudBlazor renders it in a popover at the end of the page).</summary>
    public static Task ChooseAsync(IPage page, string text) =>
        page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = text }).First.ClickAsync();

    /// <summary>The input of a MudBlazor field, wherever the test id landed (on the input or on the field around it).</summary>
    public static ILocator Input(IPage page, string testId) =>
        page.Locator($"[data-testid={testId}] input, input[data-testid={testId}], [data-testid={testId}] textarea, textarea[data-testid={testId}]").First;

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts("screenshots"), name + ".png"), FullPage = true });

    /// <summary>One part of the page (a card, a chart): no fixed header or toast scrolled over it.</summary>
    public static async Task ScreenshotAsync(ILocator element, string name) =>
        await element.ScreenshotAsync(new LocatorScreenshotOptions
        {
            Path = Path.Combine(TestPaths.Artifacts("screenshots"), name + ".png"),
            Style = ".mud-appbar, .mud-appbar *, .mud-snackbar, #mud-snackbar-container { visibility: hidden !important; }",
        });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
