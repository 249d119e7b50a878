using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradingBlazor.Services;
using TradingBlazor.Tests.Integration;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Browser;

/// <summary>API keys made and revoked on the Settings page, used by a script; the sign-in page of a remote app.</summary>
[Collection(BrowserCollection.Name)]
public class ApiKeysTests(BrowserFixture fx)
{
    private const string HideOverlays = ".mud-appbar, .mud-snackbar { display: none !important; }";

    private async Task<IPage> OpenAsync(TestApp app, string path, int width, int height, bool dark)
    {
        var context = await fx.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var host = new Uri(app.BaseUrl).Host;
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = ThemeState.CookieName, Value = dark ? ThemeState.Dark : ThemeState.Light, Domain = host, Path = "/" }]);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/{path}");
        return page;
    }

    private static async Task<HttpStatusCode> CallWithAsync(TestApp app, string key)
    {
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return (await http.GetAsync("api/bots")).StatusCode;
    }

    [Fact]
    public async Task A_key_made_in_settings_is_shown_once_opens_the_api_and_stops_working_when_revoked()
    {
        var page = await OpenAsync(fx.App, "settings", 1440, 900, dark: false);
        await BrowserFixture.WaitInteractiveAsync(page);
        var panel = page.Locator("[data-testid=settings-keys]");

        await BrowserFixture.Input(page, "key-name").FillAsync("browser check");
        await page.Locator("[data-testid=key-create]").ClickAsync();
        var secretText = page.Locator("[data-testid=key-secret]");
        await Assertions.Expect(secretText).ToBeVisibleAsync();
        var secret = (await secretText.InnerTextAsync()).Trim();
        Assert.StartsWith("tb_", secret);
        await Assertions.Expect(page.Locator("[data-testid=key-copy]")).ToBeVisibleAsync();
        await Assertions.Expect(panel.Locator("tbody tr", new() { HasText = "browser check" })).ToContainTextAsync(secret[..11] + "…");
        await panel.ScreenshotAsync(new() { Path = Path.Combine(TestPaths.Artifacts("screenshots"), "settings-api-keys-created.png"), Style = HideOverlays });

        Assert.Equal(HttpStatusCode.OK, await CallWithAsync(fx.App, secret));

        await page.Locator("[data-testid=key-done]").ClickAsync();
        await Assertions.Expect(secretText).ToHaveCountAsync(0);
        await fx.GotoAsync(page, "settings");
        Assert.DoesNotContain(secret, await page.ContentAsync()); // shown once: never again

        var row = panel.Locator("tbody tr", new() { HasText = "browser check" });
        await row.Locator("[data-testid=key-revoke]").ClickAsync();
        await page.Locator(".mud-dialog button", new() { HasText = "Revoke" }).ClickAsync();
        await Assertions.Expect(row.Locator("[data-testid=key-revoked]")).ToBeVisibleAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, await CallWithAsync(fx.App, secret));
    }

    [Theory]
    [InlineData(1440, 900, false, "settings-api-keys")]
    [InlineData(1440, 900, true, "settings-api-keys-dark")]
    [InlineData(390, 844, false, "settings-api-keys-phone")]
    [InlineData(390, 844, true, "settings-api-keys-phone-dark")]
    public async Task The_keys_panel_reads_in_both_themes_and_on_a_phone(int width, int height, bool dark, string name)
    {
        await using var app = await TestApp.StartAsync();
        var service = app.Services.GetRequiredService<IApiKeysService>();
        var revoked = await service.CreateAsync("old backup job");
        await service.RevokeAsync(revoked.Key.Id);
        await service.CreateAsync("nightly report");
        var page = await OpenAsync(app, "settings", width, height, dark);
        await BrowserFixture.WaitInteractiveAsync(page);

        await BrowserFixture.Input(page, "key-name").FillAsync("grafana exporter");
        await page.Locator("[data-testid=key-create]").ClickAsync();
        var panel = page.Locator("[data-testid=settings-keys]");
        await Assertions.Expect(page.Locator("[data-testid=key-secret]")).ToBeVisibleAsync();
        await Assertions.Expect(panel.Locator("[data-testid=key-row-name]")).ToHaveCountAsync(3);

        var box = await panel.BoundingBoxAsync();
        Assert.True(box!.Width <= width, $"The panel is {box.Width}px wide on a {width}px screen.");
        // The panel alone: the sticky app bar and the simulated market's trade toasts would cover part of it.
        await panel.ScreenshotAsync(new() { Path = Path.Combine(TestPaths.Artifacts("screenshots"), name + ".png"), Style = HideOverlays });
    }

    [Fact]
    public async Task A_remote_app_asks_for_the_password_first_refuses_a_wrong_one_and_signs_out()
    {
        await using var app = await RemoteAccessTests.StartRemoteAsync();
        var page = await OpenAsync(app, "settings", 390, 844, dark: true);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login\\?ReturnUrl=%2Fsettings$"));

        await page.Locator("[data-testid=signin-password]").FillAsync("not the password");
        await page.Locator("[data-testid=signin-submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=signin-error]")).ToHaveTextAsync("Wrong password.");
        await BrowserFixture.ScreenshotAsync(page, "signin-phone-dark");

        await page.Locator("[data-testid=signin-password]").FillAsync(RemoteAccessTests.Password);
        await page.Locator("[data-testid=signin-submit]").ClickAsync();
        await BrowserFixture.WaitInteractiveAsync(page);
        await Assertions.Expect(page).ToHaveURLAsync($"{app.BaseUrl}/settings");
        await Assertions.Expect(page.Locator("[data-testid=settings-keys]")).ToContainTextAsync("every call needs a key or the trader's sign-in");

        await page.Locator("[data-testid=signout]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{app.BaseUrl}/login");
        await page.GotoAsync($"{app.BaseUrl}/settings");
        await Assertions.Expect(page.Locator("[data-testid=signin-form]")).ToBeVisibleAsync();
    }
}
