using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Components.Settings;
using TradingBlazor.Services;
using TradingBlazor.Tests.Components.Fakes;

namespace TradingBlazor.Tests.Components;

public sealed class ApiKeysPanelTests : ComponentTestBase
{
    private readonly FakeApiKeysService _keys = new();

    public ApiKeysPanelTests() => Ctx.Services.AddSingleton<IApiKeysService>(_keys);

    private string[] Names() => Host.FindAll("[data-testid='key-row-name']").Select(c => c.TextContent.Trim()).ToArray();

    private async Task CreateAsync(string name)
    {
        await ByTestId("key-name").InputAsync(new() { Value = name });
        await ByTestId("key-create").ClickAsync(new());
    }

    private AngleSharp.Dom.IElement DialogButton(string text) =>
        Host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == text);

    [Fact]
    public void Lists_each_key_by_its_first_characters_with_created_last_used_and_revoked()
    {
        _keys.Seed("backup", lastUsed: new DateTime(2025, 3, 12, 15, 30, 0, DateTimeKind.Utc));
        _keys.Seed("old script", revoked: new DateTime(2025, 3, 12, 16, 0, 0, DateTimeKind.Utc));

        Render<ApiKeysPanel>();

        Assert.Equal(new[] { "old script", "backup" }, Names());
        var rows = Host.FindAll("[data-testid='keys-table'] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains("tb_seeded01…", rows[1]);
        Assert.Contains("2025-03-12 10:00 ET", rows[1]); // created 14:00 UTC
        Assert.Contains("2025-03-12 11:30 ET", rows[1]); // last used
        Assert.Contains("never", rows[0]);
        Assert.Equal("Revoked2025-03-12 12:00 ET", Host.Find("[data-testid='key-revoked']").TextContent.Trim());
        Assert.Single(Host.FindAll("[data-testid='key-revoke']"));
        Assert.Contains("listens on this machine only", ByTestId("keys-mode").TextContent);
    }

    [Fact]
    public async Task A_new_key_is_shown_once_with_a_copy_button()
    {
        Render<ApiKeysPanel>();
        Assert.Equal("No API keys yet.", ByTestId("keys-empty").TextContent);

        await CreateAsync("nightly report");

        Assert.Equal("tb_secret-of-1-xxxxxxxxxxxxxxxxxxxx", ByTestId("key-secret").TextContent);
        Assert.Contains("shown only this once", ByTestId("key-created").TextContent);
        Assert.NotNull(ByTestId("key-copy"));
        Assert.Equal(new[] { "nightly report" }, Names());
        Assert.Equal("", ByTestId("key-name").GetAttribute("value") ?? "");

        var clipboard = Ctx.JSInterop.SetupModule("./js/clipboard.js");
        clipboard.Setup<bool>("copy", _ => true).SetResult(true);
        await ByTestId("key-copy").ClickAsync(new());
        Assert.Equal("tb_secret-of-1-xxxxxxxxxxxxxxxxxxxx", clipboard.VerifyInvoke("copy").Arguments.Single());
        Host.WaitForAssertion(() => Assert.Contains("Key copied", Host.Markup));

        await ByTestId("key-done").ClickAsync(new());
        Assert.Empty(Host.FindAll("[data-testid='key-secret']"));
        Assert.DoesNotContain("tb_secret-of-1", Host.Markup);
    }

    [Fact]
    public async Task A_key_without_a_name_is_refused_on_the_field()
    {
        Render<ApiKeysPanel>();

        await ByTestId("key-create").ClickAsync(new());

        Assert.Contains("is required", Host.Find("[data-testid='settings-keys'] .mud-input-helper-text.mud-input-error").TextContent);
        Assert.Empty(await _keys.ListAsync());
        Assert.Empty(Host.FindAll("[data-testid='key-created']"));
    }

    [Fact]
    public async Task Revoking_asks_first_and_then_shows_the_key_revoked()
    {
        var key = _keys.Seed("script");
        Render<ApiKeysPanel>();

        var cancelling = ByTestId("key-revoke").ClickAsync(new());
        Host.WaitForElement(".mud-dialog");
        Assert.Contains("Revoke 'script' (tb_seeded01…)?", Host.Find(".mud-dialog").TextContent);
        await DialogButton("Cancel").ClickAsync(new());
        await cancelling;
        Assert.Empty(_keys.Revoked);

        var revoking = ByTestId("key-revoke").ClickAsync(new());
        Host.WaitForElement(".mud-dialog");
        await DialogButton("Revoke").ClickAsync(new());
        await revoking;

        Assert.Equal(new[] { key.Id }, _keys.Revoked);
        Host.WaitForAssertion(() => Assert.NotNull(ByTestId("key-revoked")));
        Assert.Empty(Host.FindAll("[data-testid='key-revoke']"));
    }

    [Fact]
    public void A_key_made_over_rest_appears_without_a_reload_and_remote_mode_says_keys_are_needed()
    {
        _keys.KeysRequired = true;
        Render<ApiKeysPanel>();

        _keys.CreateElsewhere("from a script");

        Host.WaitForAssertion(() => Assert.Equal(new[] { "from a script" }, Names()));
        Assert.Contains("every call needs a key or the trader's sign-in", ByTestId("keys-mode").TextContent);
    }

    [Fact]
    public void The_settings_page_hosts_it()
    {
        Ctx.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new Infrastructure.Configuration.StorageSettings { DataDirectory = Path.GetTempPath() }));
        Ctx.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new Infrastructure.Configuration.LogSettings()));
        Ctx.Services.AddSingleton<IBrokerService>(new FakeBrokerService());

        Render<TradingBlazor.Components.Pages.Settings>();

        Assert.Contains("API keys", ByTestId("settings-keys").TextContent);
    }
}
