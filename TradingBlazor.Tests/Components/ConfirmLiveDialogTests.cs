using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using TradingBlazor.Components.Settings;

namespace TradingBlazor.Tests.Components;

public sealed class ConfirmLiveDialogTests : ComponentTestBase
{
    private async Task<IDialogReference> ShowAsync()
    {
        RenderProviders();
        var dialogs = Ctx.Services.GetRequiredService<IDialogService>();
        var reference = await Host.InvokeAsync(() => dialogs.ShowAsync<ConfirmLiveDialog>("Switch to live trading?"));
        Host.WaitForElement("[data-testid='live-confirm-button']");
        return reference;
    }

    private bool ConfirmDisabled => ByTestId("live-confirm-button").HasAttribute("disabled");

    private Task TypeAsync(string text) => ByTestId("live-confirm-text").InputAsync(new() { Value = text });

    [Fact]
    public async Task Confirm_stays_disabled_until_exactly_LIVE_is_typed()
    {
        await ShowAsync();
        Assert.True(ConfirmDisabled);
        Assert.Contains("Type LIVE to confirm.", Host.Find(".mud-dialog").TextContent);

        foreach (var almost in new[] { "L", "live", "LIVE ", "LIVES" })
        {
            await TypeAsync(almost);
            Assert.True(ConfirmDisabled, $"'{almost}' must not enable the switch");
        }

        await TypeAsync("LIVE");
        Assert.False(ConfirmDisabled);

        await TypeAsync("LIV");
        Assert.True(ConfirmDisabled);
    }

    [Fact]
    public async Task Confirming_closes_with_ok()
    {
        var dialog = await ShowAsync();

        await TypeAsync(ConfirmLiveDialog.Phrase);
        await ByTestId("live-confirm-button").ClickAsync(new());

        var result = await dialog.Result;
        Assert.NotNull(result);
        Assert.False(result.Canceled);
        Assert.Equal(true, result.Data);
        Host.WaitForAssertion(() => Assert.Empty(Host.FindAll(".mud-dialog")));
    }

    [Fact]
    public async Task Cancel_closes_as_canceled_even_after_typing_LIVE()
    {
        var dialog = await ShowAsync();

        await TypeAsync("LIVE");
        await ByTestId("live-confirm-cancel").ClickAsync(new());

        var result = await dialog.Result;
        Assert.True(result!.Canceled);
        Host.WaitForAssertion(() => Assert.Empty(Host.FindAll(".mud-dialog")));
    }
}
