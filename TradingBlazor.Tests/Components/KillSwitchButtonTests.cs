using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using TradingBlazor.Components.Shared;
using TradingBlazor.Tests.Components.Fakes;
using TradingBlazor.Services;

namespace TradingBlazor.Tests.Components;

public sealed class KillSwitchButtonTests : ComponentTestBase
{
    private readonly FakeKillSwitchService _killSwitch = new();

    public KillSwitchButtonTests() => Ctx.Services.AddSingleton<IKillSwitchService>(_killSwitch);

    // The click's handler waits for the dialog: the returned task ends once the dialog is answered.
    private Task OpenDialog()
    {
        Render<KillSwitchButton>();
        var clicking = ByTestId("kill-switch").ClickAsync(new());
        Host.WaitForElement("[data-testid='kill-switch-confirm']");
        return clicking;
    }

    private Task TypeAsync(string word) =>
        Host.Find("[data-testid='kill-switch-word'] input, input[data-testid='kill-switch-word']").InputAsync(new() { Value = word });

    [Fact]
    public async Task The_confirmation_needs_halt_typed_out()
    {
        var clicking = OpenDialog();
        Assert.True(ByTestId("kill-switch-confirm").HasAttribute("disabled"));

        foreach (var almost in new[] { "HAL", "halt", " HALT" })
        {
            await TypeAsync(almost);
            Assert.True(ByTestId("kill-switch-confirm").HasAttribute("disabled"), almost);
        }
        await TypeAsync("HALT");
        Assert.False(ByTestId("kill-switch-confirm").HasAttribute("disabled"));

        await ByTestId("kill-switch-confirm").ClickAsync(new());
        await clicking;
        Host.WaitForAssertion(() => Assert.Equal(new[] { false }, _killSwitch.Engagements));
    }

    [Fact]
    public async Task Cancelling_the_confirmation_engages_nothing()
    {
        var clicking = OpenDialog();
        Assert.Contains("Every open order is cancelled and every bot is halted", Host.Find(".mud-dialog").TextContent);

        await ByTestId("kill-switch-cancel").ClickAsync(new());
        await clicking;

        Host.WaitForAssertion(() => Assert.Empty(Host.FindAll(".mud-dialog")));
        Assert.Empty(_killSwitch.Engagements);
        Assert.True(HasTestId("kill-switch"));
    }

    [Fact]
    public async Task Confirming_engages_without_flattening_and_shows_the_engaged_state()
    {
        var clicking = OpenDialog();
        Assert.Equal("Halt every bot", ByTestId("kill-switch-confirm").TextContent.Trim());

        await TypeAsync("HALT");
        await ByTestId("kill-switch-confirm").ClickAsync(new());
        await clicking;

        Host.WaitForAssertion(() => Assert.True(HasTestId("kill-switch-engaged")));
        Assert.Equal(new[] { false }, _killSwitch.Engagements);
        Assert.False(HasTestId("kill-switch"));
        Assert.Contains("every bot is halted", Host.Find(".mud-snackbar").TextContent);
    }

    [Fact]
    public async Task The_checkbox_also_flattens_every_position()
    {
        var clicking = OpenDialog();

        await Host.Find("input[data-testid='kill-switch-flatten'], [data-testid='kill-switch-flatten'] input").ChangeAsync(new() { Value = true });
        Assert.Equal("Halt and flatten", ByTestId("kill-switch-confirm").TextContent.Trim());
        await TypeAsync("HALT");
        await ByTestId("kill-switch-confirm").ClickAsync(new());
        await clicking;

        Host.WaitForAssertion(() => Assert.Equal(new[] { true }, _killSwitch.Engagements));
        Host.WaitForAssertion(() => Assert.Contains("positions sold", Host.Find(".mud-snackbar").TextContent));
    }

    [Fact]
    public async Task Re_arm_lifts_an_engaged_kill_switch_once_RE_ARM_is_typed()
    {
        _killSwitch.State = new(true, new DateTime(2025, 3, 12, 14, 0, 0, DateTimeKind.Utc), "api", true);
        Render<KillSwitchButton>();
        Assert.True(HasTestId("kill-switch-engaged"));

        var clicking = ByTestId("kill-switch-rearm").ClickAsync(new());
        Host.WaitForElement("[data-testid='typed-confirm-button']");
        Assert.True(ByTestId("typed-confirm-button").HasAttribute("disabled"));
        await ByTestId("typed-confirm-text").InputAsync(new() { Value = "RE-ARM" });
        await ByTestId("typed-confirm-button").ClickAsync(new());
        await clicking;

        Host.WaitForAssertion(() => Assert.True(HasTestId("kill-switch")));
        Assert.Equal(1, _killSwitch.Rearms);
        Assert.False(HasTestId("kill-switch-rearm"));
    }

    [Fact]
    public void Engaging_elsewhere_shows_here_and_the_subscription_ends_with_the_component()
    {
        Render<KillSwitchButton>();
        _killSwitch.EngageElsewhere("api");
        Host.WaitForAssertion(() => Assert.True(HasTestId("kill-switch-engaged")));

        Host.FindComponent<KillSwitchButton>().Instance.Dispose();
        Assert.False(_killSwitch.HasSubscribers);
    }

    [Fact]
    public async Task A_failure_is_shown_and_the_button_stays()
    {
        _killSwitch.Failure = new InvalidOperationException("the store is read-only");
        var clicking = OpenDialog();

        await TypeAsync("HALT");
        await ByTestId("kill-switch-confirm").ClickAsync(new());
        await clicking;

        Host.WaitForAssertion(() => Assert.Contains("the store is read-only", Host.Find(".mud-snackbar").TextContent));
        Assert.True(HasTestId("kill-switch"));
        Assert.Equal(Severity.Error, Ctx.Services.GetRequiredService<ISnackbar>().ShownSnackbars.Single().Severity);
    }
}
