using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Adapters.Alpaca;
using TradingBlazor.Adapters.Alpaca.Streaming;
using TradingBlazor.Components.Settings;
using TradingBlazor.Domain.Time;
using TradingBlazor.Engine.Brokerage;
using TradingBlazor.Services;
using TradingBlazor.Tests.Components.Fakes;

namespace TradingBlazor.Tests.Components;

public sealed class BrokerPanelTests : ComponentTestBase
{
    private readonly FakeBrokerService _broker = new();

    public BrokerPanelTests() => Ctx.Services.AddSingleton<IBrokerService>(_broker);

    /// <summary>The radios in their order: simulated, paper, live.</summary>
    private IElement Radio(BrokerMode mode) => ByTestId("broker-mode").QuerySelectorAll("input[type=radio]")[(int)mode];

    private BrokerMode? Checked()
    {
        var radios = ByTestId("broker-mode").QuerySelectorAll("input[type=radio]");
        int index = radios.Select((r, i) => (r, i)).Where(x => x.r.HasAttribute("checked")).Select(x => x.i).DefaultIfEmpty(-1).Single();
        return index < 0 ? null : (BrokerMode)index;
    }

    private string Current => ByTestId("broker-current").TextContent.Trim();

    private string Snackbars => Host.Find("#mud-snackbar-container").TextContent;

    [Fact]
    public void Shows_the_connection_without_secrets()
    {
        Render<BrokerPanel>();

        Assert.Equal("Simulated (offline)", Current);
        Assert.Equal(BrokerMode.Simulated, Checked());
        Assert.Equal("••••1234", ByTestId("broker-key").TextContent);
        Assert.Contains("configured (hidden)", ByTestId("settings-broker").TextContent);
        Assert.DoesNotContain("PKTEST1234", Host.Markup);
        Assert.Equal("180 of 200 requests/min · Alpaca says 195 left", ByTestId("broker-headroom").TextContent);
        Assert.False(HasTestId("broker-no-keys"));
        Assert.False(HasTestId("broker-streams"));
    }

    [Fact]
    public async Task Choosing_paper_switches_without_a_confirmation()
    {
        Render<BrokerPanel>();

        await Radio(BrokerMode.AlpacaPaper).ClickAsync(new());

        Assert.Equal(new[] { new FakeBrokerService.SetModeCall(BrokerMode.AlpacaPaper, null) }, _broker.SetModeCalls);
        Assert.Equal("Alpaca paper", Current);
        Assert.Equal(BrokerMode.AlpacaPaper, Checked());
        Assert.Empty(Host.FindAll(".mud-dialog"));
        Host.WaitForAssertion(() => Assert.Contains("Now trading through Alpaca paper", Snackbars));
    }

    [Fact]
    public async Task Choosing_live_asks_for_LIVE_typed_before_switching()
    {
        Render<BrokerPanel>();

        // The click waits for the dialog: start it, answer the dialog, then await it.
        var choosing = Radio(BrokerMode.AlpacaLive).ClickAsync(new());
        Host.WaitForElement(".mud-dialog");
        Assert.Contains("Switch to live trading?", Host.Find(".mud-dialog").TextContent);
        Assert.True(ByTestId("typed-confirm-button").HasAttribute("disabled"));
        Assert.Empty(_broker.SetModeCalls);

        await ByTestId("typed-confirm-text").InputAsync(new() { Value = "live" });
        Assert.True(ByTestId("typed-confirm-button").HasAttribute("disabled"));

        await ByTestId("typed-confirm-text").InputAsync(new() { Value = "LIVE" });
        Assert.False(ByTestId("typed-confirm-button").HasAttribute("disabled"));

        await ByTestId("typed-confirm-button").ClickAsync(new());
        await choosing;

        Assert.Equal(new[] { new FakeBrokerService.SetModeCall(BrokerMode.AlpacaLive, "LIVE") }, _broker.SetModeCalls);
        Host.WaitForAssertion(() => Assert.Empty(Host.FindAll(".mud-dialog")));
        Assert.Equal("Alpaca live (real money)", Current);
        Assert.Contains("mud-chip-color-error", ByTestId("broker-current").ClassName);
        Assert.Equal(BrokerMode.AlpacaLive, Checked());
        Host.WaitForAssertion(() => Assert.Contains("Now trading through Alpaca live (real money)", Snackbars));
    }

    [Fact]
    public async Task Cancelling_the_live_confirmation_changes_nothing()
    {
        _broker.Mode = BrokerMode.AlpacaPaper;
        Render<BrokerPanel>();

        var choosing = Radio(BrokerMode.AlpacaLive).ClickAsync(new());
        Host.WaitForElement(".mud-dialog");
        await ByTestId("typed-confirm-text").InputAsync(new() { Value = "LIVE" });
        await ByTestId("typed-confirm-cancel").ClickAsync(new());
        await choosing;

        Assert.Empty(_broker.SetModeCalls);
        Host.WaitForAssertion(() => Assert.Empty(Host.FindAll(".mud-dialog")));
        Assert.Equal(BrokerMode.AlpacaPaper, Checked());
        Assert.Equal("Alpaca paper", Current);
        Assert.DoesNotContain("Now trading through", Snackbars);
    }

    [Fact]
    public async Task Already_live_switching_back_to_paper_needs_no_confirmation()
    {
        _broker.Mode = BrokerMode.AlpacaLive;
        Render<BrokerPanel>();

        await Radio(BrokerMode.AlpacaPaper).ClickAsync(new());

        Assert.Equal(new[] { new FakeBrokerService.SetModeCall(BrokerMode.AlpacaPaper, null) }, _broker.SetModeCalls);
        Assert.Empty(Host.FindAll(".mud-dialog"));
    }

    [Fact]
    public async Task A_refused_switch_shows_the_reason_and_keeps_the_mode()
    {
        _broker.Refusal = ("mode", "Close the open positions first.");
        Render<BrokerPanel>();

        await Radio(BrokerMode.AlpacaPaper).ClickAsync(new());

        Assert.Equal(new[] { new FakeBrokerService.SetModeCall(BrokerMode.AlpacaPaper, null) }, _broker.SetModeCalls);
        Assert.Equal("Close the open positions first.", ByTestId("broker-error").TextContent.Trim());
        Assert.Equal(BrokerMode.Simulated, Checked());
        Assert.Equal("Simulated (offline)", Current);
        Assert.DoesNotContain("Now trading through", Snackbars);
    }

    [Fact]
    public void Without_keys_only_simulated_can_be_chosen_and_nothing_tested()
    {
        _broker.HasKeys = false;
        _broker.SecretConfigured = false;
        _broker.KeyId = null;

        Render<BrokerPanel>();

        Assert.False(Radio(BrokerMode.Simulated).HasAttribute("disabled"));
        Assert.True(Radio(BrokerMode.AlpacaPaper).HasAttribute("disabled"));
        Assert.True(Radio(BrokerMode.AlpacaLive).HasAttribute("disabled"));
        Assert.True(ByTestId("broker-test").HasAttribute("disabled"));
        Assert.Contains("Alpaca__KeyId", ByTestId("broker-no-keys").TextContent);
        Assert.Equal("not configured", ByTestId("broker-key").TextContent);
        Assert.Contains("<dt>Alpaca secret</dt><dd>not configured</dd>", ByTestId("settings-broker").InnerHtml);
    }

    [Fact]
    public async Task Test_connection_shows_the_account()
    {
        _broker.Mode = BrokerMode.AlpacaPaper;
        _broker.TestResult = new ConnectionTest(true, null,
            new AlpacaAccount { AccountNumber = "PA3XYZ", Status = "ACTIVE", Cash = 1234.5m, Equity = 25000m, BuyingPower = 50000m },
            new AlpacaClock(Clock.UtcNow(), true, Clock.UtcNow().AddDays(1), Clock.UtcNow().AddHours(5)), "https://paper-api.alpaca.markets");
        Render<BrokerPanel>();

        await ByTestId("broker-test").ClickAsync(new());

        Assert.Equal(1, _broker.TestCalls);
        var account = ByTestId("broker-account").TextContent;
        Assert.Contains("PA3XYZ · ACTIVE", account);
        Assert.Contains("$1,234.50", account);
        Assert.Contains("$25,000.00", account);
        Assert.Contains("$50,000.00", account);
        Assert.Contains("open (Alpaca clock)", account);
        Assert.Contains("https://paper-api.alpaca.markets", account);
        Assert.False(HasTestId("broker-test-error"));
    }

    [Fact]
    public async Task A_failed_test_shows_the_error()
    {
        _broker.TestResult = ConnectionTest.Failed("401 Unauthorized: check the keys");
        Render<BrokerPanel>();

        await ByTestId("broker-test").ClickAsync(new());

        Assert.Equal("401 Unauthorized: check the keys", ByTestId("broker-test-error").TextContent.Trim());
        Assert.False(HasTestId("broker-account"));
    }

    [Fact]
    public async Task Switching_mode_clears_a_previous_test()
    {
        _broker.TestResult = ConnectionTest.Failed("timeout");
        Render<BrokerPanel>();
        await ByTestId("broker-test").ClickAsync(new());
        Assert.True(HasTestId("broker-test-error"));

        await Radio(BrokerMode.AlpacaPaper).ClickAsync(new());

        Assert.False(HasTestId("broker-test-error"));
    }

    [Fact]
    public void Shows_each_stream_and_recent_problems()
    {
        var now = Clock.UtcNow();
        _broker.Streams.Add(new StreamStatus("market data", StreamState.Connected, now.AddMinutes(-5), now.AddSeconds(-30), 2, null, TimeSpan.FromSeconds(1.5)));
        _broker.Streams.Add(new StreamStatus("trade updates", StreamState.Failed, null, null, 0, "auth failed", null));
        _broker.Problems.Add("market data: error 406 connection limit exceeded");

        Render<BrokerPanel>();

        var rows = ByTestId("broker-streams").QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(new[] { "market data", "Connected", "30 s ago", "2 (last took 1.5 s)", "—" }, rows[0]);
        Assert.Equal(new[] { "trade updates", "Failed", "never", "0", "auth failed" }, rows[1]);
        Assert.Contains("mud-chip-color-error", ByTestId("broker-streams").QuerySelectorAll("tbody tr")[1].QuerySelector(".mud-chip")!.ClassName);
        Assert.Contains("Reconciled after reconnects: 2 fills, 7 bars.", ByTestId("settings-broker").TextContent);
        Assert.Equal("market data: error 406 connection limit exceeded", ByTestId("broker-problem").TextContent.Trim());
    }

    [Fact]
    public void A_change_elsewhere_refreshes_the_status()
    {
        Render<BrokerPanel>();

        _broker.Mode = BrokerMode.AlpacaPaper;
        _broker.RaiseChanged();

        Host.WaitForAssertion(() => Assert.Equal("Alpaca paper", Current));
    }

    [Fact]
    public async Task Unsubscribes_when_removed()
    {
        Render<BrokerPanel>();

        await Ctx.DisposeComponentsAsync();

        _broker.RaiseChanged(); // nothing is listening: no render on a disposed component
        Assert.False(_broker.HasSubscribers);
    }

    [Fact]
    public async Task A_mode_changed_elsewhere_moves_the_radio_too()
    {
        Render<BrokerPanel>();
        _broker.Mode = BrokerMode.AlpacaPaper;
        _broker.RaiseChanged();
        Host.WaitForAssertion(() => Assert.Equal("Alpaca paper", Current));

        Assert.Equal(BrokerMode.AlpacaPaper, Checked());
        await Radio(BrokerMode.Simulated).ClickAsync(new());
        Assert.Equal(new[] { new FakeBrokerService.SetModeCall(BrokerMode.Simulated, null) }, _broker.SetModeCalls);
    }
}
