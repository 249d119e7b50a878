using Bunit;
using TradingBlazor.Components.Layout;

namespace TradingBlazor.Tests.Components;

public sealed class SignOutButtonTests : ComponentTestBase
{
    [Fact]
    public void A_trader_who_signed_in_gets_a_sign_out_form_posting_to_logout()
    {
        SignIn.SignedIn = true;

        Render<SignOutButton>();

        var form = ByTestId("signout-form");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("logout", form.GetAttribute("action"));
        Assert.Equal("submit", ByTestId("signout").GetAttribute("type"));
    }

    [Fact]
    public void In_local_mode_there_is_nothing_to_sign_out_of()
    {
        Render<SignOutButton>();

        Assert.Empty(Host.FindAll("[data-testid='signout-form']"));
    }
}
