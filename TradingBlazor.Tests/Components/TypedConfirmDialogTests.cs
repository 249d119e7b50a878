using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using TradingBlazor.Components.Shared;

namespace TradingBlazor.Tests.Components;

public sealed class TypedConfirmDialogTests : ComponentTestBase
{
    private async Task<Task<string?>> ShowAsync()
    {
        RenderProviders();
        var dialogs = Ctx.Services.GetRequiredService<IDialogService>();
        var asking = await Host.InvokeAsync(() => Task.FromResult(TypedConfirmDialog.AskAsync(dialogs, "Switch to live trading?", "Real money.", "LIVE", "Switch to live")));
        Host.WaitForElement("[data-testid='typed-confirm-button']");
        return asking;
    }

    private bool ConfirmDisabled => ByTestId("typed-confirm-button").HasAttribute("disabled");

    private Task TypeAsync(string text) => ByTestId("typed-confirm-text").InputAsync(new() { Value = text });

    [Fact]
    public async Task Confirm_stays_disabled_until_exactly_LIVE_is_typed()
    {
        await ShowAsync();
        Assert.True(ConfirmDisabled);
        Assert.Contains("Real money. Type LIVE to confirm.", Host.Find(".mud-dialog").TextContent);
        Assert.Equal("Switch to live", ByTestId("typed-confirm-button").TextContent.Trim());

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
    public async Task Confirming_returns_what_was_typed_for_the_server_to_check()
    {
        var asking = await ShowAsync();

        await TypeAsync("LIVE");
        await ByTestId("typed-confirm-button").ClickAsync(new());

        Assert.Equal("LIVE", await asking);
        Host.WaitForAssertion(() => Assert.Empty(Host.FindAll(".mud-dialog")));
    }

    [Fact]
    public async Task Cancel_returns_nothing_even_after_typing_LIVE()
    {
        var asking = await ShowAsync();

        await TypeAsync("LIVE");
        await ByTestId("typed-confirm-cancel").ClickAsync(new());

        Assert.Null(await asking);
        Host.WaitForAssertion(() => Assert.Empty(Host.FindAll(".mud-dialog")));
    }
}
