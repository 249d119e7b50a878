using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TradingBlazor.Components.Pages;
using TradingBlazor.Components.Settings;
using TradingBlazor.Infrastructure.Configuration;
using TradingBlazor.Services;
using TradingBlazor.Tests.Components.Fakes;

namespace TradingBlazor.Tests.Components;

public sealed class WebhookPanelTests : ComponentTestBase
{
    private Task TypeAsync(string url) => ByTestId("webhook-url").InputAsync(new() { Value = url });

    private Task SaveAsync() => ByTestId("webhook-save").ClickAsync(new());

    private string? FieldError() => Host.FindAll("[data-testid='settings-webhook'] .mud-input-helper-text.mud-input-error").SingleOrDefault()?.TextContent.Trim();

    [Fact]
    public async Task A_valid_url_is_saved_and_shown_on()
    {
        Render<WebhookPanel>();
        Assert.Equal("Off", ByTestId("webhook-state").TextContent);

        await TypeAsync("https://hooks.example.com/trading?token=abc");
        await SaveAsync();

        Assert.Equal(new string?[] { "https://hooks.example.com/trading?token=abc" }, Alerts.WebhookSaves);
        Assert.Equal("https://hooks.example.com/trading?token=abc", Alerts.WebhookUrl);
        Assert.Null(FieldError());
        Assert.StartsWith("On", ByTestId("webhook-state").TextContent);
        Assert.Contains("Alert webhook saved", Host.Markup);
    }

    [Theory]
    [InlineData("ftp://example.com/hook")]
    [InlineData("example.com/hook")]
    [InlineData("/hooks/trading")]
    public async Task An_invalid_url_is_refused_on_the_field_and_never_saved(string url)
    {
        Render<WebhookPanel>();

        await TypeAsync(url);
        await SaveAsync();

        Assert.Empty(Alerts.WebhookSaves);
        Assert.Equal("must be an absolute http:// or https:// URL (or empty to switch the webhook off).", FieldError());
        Assert.Equal("Off", ByTestId("webhook-state").TextContent);

        await TypeAsync("http://127.0.0.1:8080/hook");
        await ByTestId("webhook-url").BlurAsync(new());
        Assert.Null(FieldError());
    }

    [Fact]
    public async Task Emptying_the_field_switches_the_webhook_off()
    {
        await Alerts.SetWebhookUrlAsync("https://hooks.example.com/x");
        Alerts.WebhookSaves.Clear();
        Render<WebhookPanel>();
        Assert.Equal("https://hooks.example.com/x", ByTestId("webhook-url").GetAttribute("value"));

        await TypeAsync("");
        await SaveAsync();

        Assert.Equal(new[] { "" }, Alerts.WebhookSaves);
        Assert.Null(Alerts.WebhookUrl);
        Assert.Equal("Off", ByTestId("webhook-state").TextContent);
        Assert.Contains("Alert webhook off", Host.Markup);
    }

    [Fact]
    public void The_settings_page_hosts_it()
    {
        Ctx.Services.AddSingleton(Options.Create(new StorageSettings { DataDirectory = Path.GetTempPath() }));
        Ctx.Services.AddSingleton(Options.Create(new LogSettings()));
        Ctx.Services.AddSingleton<IBrokerService>(new FakeBrokerService());
        Ctx.Services.AddSingleton<IApiKeysService>(new FakeApiKeysService());

        Render<Settings>();

        Assert.Contains("Alert webhook", ByTestId("settings-webhook").TextContent);
    }
}
