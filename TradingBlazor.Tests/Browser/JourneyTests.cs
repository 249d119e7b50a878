using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using TradingBlazor.Domain.Safety;

namespace TradingBlazor.Tests.Browser;

/// <summary>
/// Journeys 1 and 4 on the real app, engine and simulated market (60 simulated minutes a real minute): a bot made in the
/// editor from a sample trades and explains its trade; the kill switch halts every bot, cancels the open orders, says
/// so on the Dashboard, and is re-armed.
/// </summary>
[Collection(BrowserCollection.Name)]
public class JourneyTests(BrowserFixture fx)
{
    // Generous: the machine may be busy; the simulated market does not wait for the test.
    private static readonly LocatorAssertionsToHaveTextOptions Trading = new() { Timeout = 120_000 };
    // A page or a command's answer on a loaded machine.
    private static readonly LocatorAssertionsToHaveTextOptions Busy = new() { Timeout = 30_000 };

    private static ILocator Field(IPage page, string testId) => BrowserFixture.Input(page, testId);

    // Through the navigation, as the trader goes: the circuit stays up.
    private static async Task NavigateAsync(IPage page, string section)
    {
        await page.Locator("[data-testid=nav] .mud-nav-link", new() { HasText = section }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(section, new() { Timeout = 30_000 });
    }

    private static async Task ChooseAsync(IPage page, string select, string item)
    {
        await page.Locator($"[data-testid={select}]").ClickAsync();
        await BrowserFixture.ChooseAsync(page, item);
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    private static async Task TypeAsync(IPage page, string testId, string text)
    {
        await Field(page, testId).FillAsync(text);
        await Field(page, testId).BlurAsync();
    }

    // Markers the Dashboard's chart of the symbol holds now: an entry per trade, an exit per closed one.
    private static async Task<int> MarkerCountAsync(HttpClient http, string symbol) =>
        JsonDocument.Parse(await http.GetStringAsync($"api/trades?symbol={symbol}&n=1000")).RootElement.EnumerateArray()
            .Sum(t => t.GetProperty("exitUtc").ValueKind == JsonValueKind.Null ? 1 : 2);

    [Fact]
    public async Task A_bot_made_in_the_editor_from_a_sample_trades_on_the_dashboard_and_its_trade_is_explained()
    {
        const string name = "Journey MACD bot", symbol = "TSLA";
        using var http = fx.App.CreateClient();
        var page = await fx.OpenAsync("bots/new", 1440, 900, dark: false);

        // From the MACD sample, on the 1-minute bars of the whole session, entering while MACD is over its signal and
        // holding (no exit rule, no stops, no flattening) so the position stays on the card.
        await ChooseAsync(page, "editor-sample", "macd_sma_trend");
        await Assertions.Expect(Field(page, "editor-name")).ToHaveValueAsync("MACD + SMA trend");
        await TypeAsync(page, "editor-name", name);
        foreach (var sampleSymbol in new[] { "SPY", "AAPL" })
        {
            var chip = page.Locator($"[data-testid=editor-symbol-{sampleSymbol}]");
            await chip.Locator(".mud-chip-close-button").ClickAsync();
            await Assertions.Expect(chip).ToHaveCountAsync(0);
        }
        await Field(page, "editor-symbol-input").FillAsync(symbol);
        await Field(page, "editor-symbol-input").PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=editor-symbols] .mud-chip")).ToHaveTextAsync(new[] { symbol });
        await ChooseAsync(page, "editor-timeframe", "1m");
        await TypeAsync(page, "editor-window-start", "09:30");
        await TypeAsync(page, "editor-window-end", "16:00");
        await page.Locator("[data-testid=entry-mode-text]").ClickAsync();
        await TypeAsync(page, "entry-text", "macd > signal");
        await Field(page, "exit-enabled").SetCheckedAsync(false, new() { Force = true });
        await TypeAsync(page, "risk-stop_loss_atr", "");
        await TypeAsync(page, "risk-trailing_stop_atr", "");
        await ChooseAsync(page, "risk-flat_before_close", "No");
        await Assertions.Expect(page.Locator("[data-testid=editor-errors]")).ToHaveCountAsync(0);

        await page.Locator("[data-testid=preview-run]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=preview-result]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.True(int.Parse(await page.Locator("[data-testid=preview-signals]").InnerTextAsync()) > 0, "the rule signals on the recent bars");
        await Assertions.Expect(page.Locator("[data-testid=preview-result] [data-testid=price-chart]")).Not.ToHaveAttributeAsync("data-markers", "0");

        int markersBefore = await MarkerCountAsync(http, symbol);
        await page.Locator("[data-testid=editor-save]").ClickAsync();
        // Saved (the bot list) or refused (what the editor says why): never a silent wait.
        await page.Locator("[data-testid=bot-list], [data-testid=editor-refusal], [data-testid=editor-errors]").First.WaitForAsync(new() { Timeout = 90_000 });
        var refusal = page.Locator("[data-testid=editor-refusal], [data-testid=editor-errors]");
        Assert.True(await refusal.CountAsync() == 0, await refusal.CountAsync() == 0 ? "" : await refusal.First.InnerTextAsync());
        await page.WaitForURLAsync("**/bots");
        var row = page.Locator("[data-testid=bot-list] tbody tr", new() { HasText = name });
        var status = row.Locator("[data-testid$=-status]");
        await Assertions.Expect(status).ToHaveTextAsync("Stopped", Busy);
        long id = long.Parse((await status.GetAttributeAsync("data-testid"))!.Split('-')[1]);
        try
        {
            await row.Locator("[data-testid$=-start]").ClickAsync();
            await Assertions.Expect(status).ToHaveTextAsync("Running", Busy);

            // The Dashboard: the card shows the position and the chart of the symbol its entry marker, live.
            await NavigateAsync(page, "Dashboard");
            await Assertions.Expect(page.Locator($"[data-testid=bot-tile-{id}-status]")).ToHaveTextAsync("Running", Busy);
            await ChooseAsync(page, "chart-symbol", symbol);
            await Assertions.Expect(page.Locator($"[data-testid=bot-tile-{id}-positions]")).ToHaveTextAsync("1 position", Trading);
            await Assertions.Expect(page.Locator($"[data-testid=bot-tile-{id}-signal]")).ToContainTextAsync($"Buy {symbol}");
            await Assertions.Expect(page.Locator("[data-testid=chart-markers]")).ToHaveTextAsync($"{markersBefore + 1} trade markers", Trading);
            await Assertions.Expect(page.Locator("[data-testid=dashboard-chart] [data-testid=price-chart]"))
                .ToHaveAttributeAsync("data-markers", (markersBefore + 1).ToString(), new() { Timeout = 30_000 });
            await BrowserFixture.ScreenshotAsync(page, "journey-dashboard-position");

            // The Trades page lists it (open), filtered to the bot.
            await NavigateAsync(page, "Trades");
            await ChooseAsync(page, "filter-bot", name);
            var trade = page.Locator("[data-testid=trades-grid] tbody tr.mud-table-row", new() { HasText = symbol });
            await Assertions.Expect(trade).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            await Assertions.Expect(trade.Locator("[data-testid=trade-bot-link]")).ToHaveTextAsync(name);

            // Its journal explains it: the bar, the rule and its values, each risk check, no approval, the order and its fill.
            await trade.Locator("[data-testid=trade-bot-link]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=page-title]")).ToHaveTextAsync(name);
            await page.Locator("[data-testid$=-explain]").First.ClickAsync();
            var journal = page.Locator("[data-testid=trade-journal]");
            await Assertions.Expect(journal.Locator("[data-testid=journal-bar]")).ToContainTextAsync($"{symbol} 1m");
            await Assertions.Expect(journal.Locator("[data-testid=journal-rule]")).ToHaveTextAsync("macd > signal");
            await Assertions.Expect(journal.Locator("[data-testid=journal-value-macd_12_26_9_macd]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^-?\d"));
            await Assertions.Expect(journal.Locator("[data-testid=journal-value-macd_12_26_9_signal]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^-?\d"));
            Assert.True(await journal.Locator("[data-testid^=journal-check-][data-state=Passed]").CountAsync() > 0, "risk checks are listed");
            await Assertions.Expect(journal.Locator("[data-testid^=journal-check-]:not([data-state=Passed])")).ToHaveCountAsync(0);
            await Assertions.Expect(journal.Locator("[data-testid=journal-decision]")).ToContainTextAsync("Executed without waiting");
            await Assertions.Expect(journal.Locator("[data-testid=journal-order-buy]")).ToContainTextAsync("Filled");
            await Assertions.Expect(journal.Locator("[data-testid=journal-fill]")).ToHaveCountAsync(1);
            await BrowserFixture.ScreenshotAsync(page, "journey-trade-explained");
        }
        finally
        {
            // Stopped, so it does not trade on under the tests that follow.
            (await http.PostAsync($"api/bots/{id}/stop", null)).EnsureSuccessStatusCode();
            await page.Context.CloseAsync();
        }
    }

    // Buys on the first hourly bar; the simulated broker fills a market order at the next bar's open, so it works for a
    // simulated hour (a real minute).
    private static async Task<long> StartHourlyBuyerAsync(HttpClient http, string name)
    {
        var config = $$"""
            { "version": 1, "name": "{{name}}", "symbols": ["MSFT"], "capital": 5000, "timeframe": "1h",
              "trading_window": { "start": "09:30", "end": "16:00" }, "entry": { "rule": "close > 0" }, "exit": { "rule": "close < 0" },
              "risk": { "position_fraction": 0.2, "flat_before_close": false }, "execution": { "mode": "auto" } }
            """;
        using var created = await http.PostAsync("api/bots", new StringContent(config, Encoding.UTF8, "application/json"));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        long id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        (await http.PostAsync($"api/bots/{id}/start", null)).EnsureSuccessStatusCode();
        return id;
    }

    [Fact]
    public async Task The_kill_switch_halts_every_bot_cancels_the_open_orders_says_so_on_the_dashboard_and_re_arms()
    {
        const string name = "Journey hourly buyer";
        using var http = fx.App.CreateClient();
        long id = await StartHourlyBuyerAsync(http, name);
        var page = await fx.OpenAsync("positions", 1440, 900, dark: false);
        try
        {
            // Its entry order is working.
            var order = page.Locator("[data-testid=orders-grid] tbody tr.mud-table-row", new() { HasText = name });
            await Assertions.Expect(order).ToHaveCountAsync(1, new() { Timeout = 150_000 });
            var clientOrderId = (await order.Locator("[data-testid^=cancel-]").GetAttributeAsync("data-testid"))!["cancel-".Length..];

            // Engaged from the Dashboard's app bar, after typing HALT.
            await NavigateAsync(page, "Dashboard");
            await Assertions.Expect(page.Locator($"[data-testid=bot-tile-{id}-status]")).ToHaveTextAsync("Running", Busy);
            await Assertions.Expect(page.Locator("[data-testid=kill-switch-banner]")).ToHaveCountAsync(0);
            await page.Locator("header [data-testid=kill-switch]").ClickAsync();
            var confirm = page.Locator("[data-testid=kill-switch-confirm]");
            await Assertions.Expect(confirm).ToBeDisabledAsync();
            await Field(page, "kill-switch-word").FillAsync(Confirmation.EngageKillSwitch);
            await confirm.ClickAsync();

            // The Dashboard says so: the banner, the app bar, and every bot's card.
            await Assertions.Expect(page.Locator("[data-testid=kill-switch-banner]")).ToContainTextAsync("Kill switch engaged");
            await Assertions.Expect(page.Locator("[data-testid=kill-switch-engaged]")).ToBeVisibleAsync();
            var tiles = page.Locator(".tb-bot-tile");
            int bots = await tiles.CountAsync();
            Assert.True(bots >= 3, $"the demo bots and the buyer have cards ({bots})");
            var halted = page.Locator("[data-testid^=bot-tile-][data-testid$=-halt]");
            await Assertions.Expect(halted).ToHaveCountAsync(bots);
            await Assertions.Expect(page.Locator($"[data-testid=bot-tile-{id}-halt]")).ToHaveTextAsync("Halted (exits only): kill switch");
            await BrowserFixture.ScreenshotAsync(page, "journey-kill-switch-engaged");
            // And at phone width in the dark theme, then back.
            await page.Locator("[data-testid=theme-toggle]").ClickAsync();
            await Assertions.Expect(page.Locator(".tb-layout")).ToHaveAttributeAsync("data-theme", "dark");
            await page.SetViewportSizeAsync(390, 844);
            await Assertions.Expect(page.Locator("[data-testid=kill-switch-banner]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=kill-switch-rearm]")).ToBeInViewportAsync(new() { Ratio = 1 });
            await Assertions.Expect(page.Locator("[data-testid=theme-toggle]")).ToBeInViewportAsync(new() { Ratio = 1 });
            await BrowserFixture.ScreenshotAsync(page, "journey-kill-switch-engaged-phone-dark");
            await page.SetViewportSizeAsync(1440, 900);
            await page.Locator("[data-testid=theme-toggle]").ClickAsync();
            await Assertions.Expect(page.Locator(".tb-layout")).ToHaveAttributeAsync("data-theme", "light");

            // The order was cancelled at the broker, and no bot works an order any more.
            var stored = JsonDocument.Parse(await http.GetStringAsync($"api/orders?bot={id}")).RootElement.EnumerateArray()
                .Single(o => o.GetProperty("clientOrderId").GetString() == clientOrderId);
            Assert.Equal("Canceled", stored.GetProperty("status").GetString());
            await NavigateAsync(page, "Positions");
            await Assertions.Expect(page.Locator("[data-testid=orders-grid] tbody tr.mud-table-row")).ToHaveCountAsync(0);

            // Stopped, it cannot start while the switch holds.
            await NavigateAsync(page, "Dashboard");
            await page.Locator($"[data-testid=bot-tile-{id}-stop]").ClickAsync();
            await Assertions.Expect(page.Locator($"[data-testid=bot-tile-{id}-status]")).ToHaveTextAsync("Stopped", Busy);
            using (var refused = await http.PostAsync($"api/bots/{id}/start", null))
            {
                Assert.Equal(System.Net.HttpStatusCode.Conflict, refused.StatusCode);
                Assert.Contains("kill switch", await refused.Content.ReadAsStringAsync());
            }

            // Re-armed after typing RE-ARM: the halts are gone and the bot starts again.
            await page.Locator("[data-testid=kill-switch-rearm]").ClickAsync();
            await Field(page, "typed-confirm-text").FillAsync(Confirmation.RearmKillSwitch);
            await page.Locator("[data-testid=typed-confirm-button]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=kill-switch-banner]")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("header [data-testid=kill-switch]")).ToBeVisibleAsync();
            await Assertions.Expect(halted).ToHaveCountAsync(0);
            await page.Locator($"[data-testid=bot-tile-{id}-start]").ClickAsync();
            await Assertions.Expect(page.Locator($"[data-testid=bot-tile-{id}-status]")).ToHaveTextAsync("Running", Busy);
            Assert.False(JsonDocument.Parse(await http.GetStringAsync("api/kill-switch")).RootElement.GetProperty("engaged").GetBoolean());
        }
        finally
        {
            // The other browser tests share this app: never leave it halted.
            await http.DeleteAsync($"api/kill-switch?confirmation={Confirmation.RearmKillSwitch}");
            await http.PostAsync($"api/bots/{id}/stop", null);
            await page.Context.CloseAsync();
        }
    }
}
