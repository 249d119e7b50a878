using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using TradingBlazor.Components.Shared;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Services;

namespace TradingBlazor.Tests.Browser;

/// <summary>
/// The trader's screens on the running app with the demo bots trading: the Trades page filtered and exported (the file
/// says what the screen says), and the Positions page closing a position after its confirmation.
/// </summary>
[Collection(BrowserCollection.Name)]
public class TradingScreensTests(BrowserFixture fx)
{
    private static readonly TimeSpan Trading = TimeSpan.FromSeconds(90);

    private static ILocator Rows(IPage page, string grid) => page.Locator($"[data-testid={grid}] tbody tr.mud-table-row");

    private static async Task<string> Text(IPage page, string testId) => (await page.Locator($"[data-testid={testId}]").InnerTextAsync()).Trim();

    // A bot that buys on its first bar and never sells by itself (no exit rule that can hold, no flatten before the close).
    private async Task<long> StartHolderAsync(HttpClient http)
    {
        var config = """
            { "version": 1, "name": "browser holder", "symbols": ["TSLA"], "capital": 5000, "timeframe": "1m",
              "trading_window": { "start": "09:30", "end": "16:00" }, "entry": { "rule": "close > 0" }, "exit": { "rule": "close < 0" },
              "risk": { "position_fraction": 0.5, "flat_before_close": false }, "execution": { "mode": "auto" } }
            """;
        using var created = await http.PostAsync("api/bots", new StringContent(config, Encoding.UTF8, "application/json"));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        (await http.PostAsync($"api/bots/{id}/start", null)).EnsureSuccessStatusCode();
        return id;
    }

    [Fact]
    public async Task The_trades_csv_is_what_the_screen_shows_and_a_closed_position_is_gone()
    {
        using var http = fx.App.CreateClient();
        long holder = await StartHolderAsync(http);
        var page = await fx.OpenAsync("trades", 1440, 900, dark: false);

        // Filtered to the crossover demo bot once it has a few trades, frozen, then exported.
        await Assertions.Expect(Rows(page, "trades-grid").Nth(2)).ToBeVisibleAsync(new() { Timeout = (float)Trading.TotalMilliseconds });
        await page.Locator("[data-testid=filter-bot]").ClickAsync();
        await BrowserFixture.ChooseAsync(page, DemoBots.Crossover.Name);
        await page.WaitForFunctionAsync("name => [...document.querySelectorAll('[data-testid=trade-bot-link]')].every(a => a.textContent.trim() === name)",
            DemoBots.Crossover.Name);
        await page.Locator("[data-testid=trades-live] input, input[data-testid=trades-live]").First.SetCheckedAsync(false, new() { Force = true });
        await Assertions.Expect(page.Locator("[data-testid=trades-status]")).ToContainTextAsync("Live updates paused");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=trades-export]").ClickAsync());
        var csv = Csv(await File.ReadAllTextAsync((await download.PathAsync())!));

        Assert.Matches(@"^trades-\d{8}-\d{6}\.csv$", download.SuggestedFilename);
        Assert.Equal(TradeSheet.CsvHeader.Split(','), csv[0]);
        var rows = csv.Skip(1).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(DemoBots.Crossover.Name, r[2]));
        var pnl = rows.Where(r => r[10] != "").Select(r => Dec(r[10])).ToList();
        Assert.Equal(rows.Count.ToString("N0", CultureInfo.InvariantCulture), await Text(page, "total-count"));
        Assert.Equal(Money.Format(pnl.Sum()), await Text(page, "total-pnl"));
        Assert.Equal(Money.Format(rows.Sum(r => Dec(r[11]))), await Text(page, "total-fees"));
        if (pnl.Count > 0) Assert.Equal(Figures.Percent((decimal)pnl.Count(p => p > 0) / pnl.Count).TrimStart('+'), await Text(page, "total-win-rate"));
        var screen = await Rows(page, "trades-grid").EvaluateAllAsync<string[][]>("rows => rows.map(r => [...r.querySelectorAll('td')].map(c => c.innerText.trim()))");
        Assert.Equal(Math.Min(25, rows.Count), screen.Length);
        for (int i = 0; i < screen.Length; i++)
        {
            var r = rows[i];
            Assert.Equal((r[2], r[3], Figures.Quantity(Dec(r[4])), Money.Format(Dec(r[6]))), (screen[i][1], screen[i][0], screen[i][3], screen[i][4]));
            Assert.Equal(r[10] == "" ? "open" : Money.Format(Dec(r[10])), screen[i][8]);
        }
        await BrowserFixture.ScreenshotAsync(page, "trades-filtered-light");

        // The holder's position, closed from the Positions page; paused first, so it does not simply buy again.
        await fx.GotoAsync(page, "positions");
        var close = page.Locator($"[data-testid=close-{holder}-TSLA]");
        await Assertions.Expect(close).ToBeVisibleAsync(new() { Timeout = (float)Trading.TotalMilliseconds });
        (await http.PostAsync($"api/bots/{holder}/pause", null)).EnsureSuccessStatusCode();
        await close.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=close-position-dialog]")).ToContainTextAsync("browser holder sells its");
        await BrowserFixture.ScreenshotAsync(page, "positions-close-dialog");
        await page.Locator("[data-testid=close-position-confirm]").ClickAsync();

        await Assertions.Expect(close).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "browser holder sold its TSLA" })).ToBeVisibleAsync();
        var trades = JsonDocument.Parse(await http.GetStringAsync($"api/trades?bot={holder}")).RootElement;
        Assert.Equal("closed by trader", trades[0].GetProperty("exitReason").GetString());
        Assert.Empty(JsonDocument.Parse(await http.GetStringAsync($"api/positions?bot={holder}")).RootElement.EnumerateArray());
        (await http.PostAsync($"api/bots/{holder}/stop", null)).EnsureSuccessStatusCode();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_kill_switch_on_the_positions_page_asks_for_halt_typed_out()
    {
        var page = await fx.OpenAsync("positions", 1440, 900, dark: false);
        await page.Locator("[data-testid=positions-kill-switch] [data-testid=kill-switch]").ClickAsync();
        var confirm = page.Locator("[data-testid=kill-switch-confirm]");
        await Assertions.Expect(confirm).ToBeDisabledAsync();

        await BrowserFixture.Input(page, "kill-switch-word").FillAsync("HALT");
        await Assertions.Expect(confirm).ToBeEnabledAsync();
        await BrowserFixture.ScreenshotAsync(page, "positions-kill-switch-dialog");

        // Left unengaged: the other browser tests share this app.
        await page.Locator("[data-testid=kill-switch-cancel]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=kill-switch-dialog]")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("trades", 1440, 900, false, "trades-light")]
    [InlineData("trades", 1440, 900, true, "trades-dark")]
    [InlineData("trades", 390, 844, false, "trades-phone")]
    [InlineData("trades", 390, 844, true, "trades-phone-dark")]
    [InlineData("positions", 1440, 900, false, "positions-light")]
    [InlineData("positions", 1440, 900, true, "positions-dark")]
    [InlineData("positions", 390, 844, false, "positions-phone")]
    [InlineData("positions", 390, 844, true, "positions-phone-dark")]
    public async Task The_trading_screens_fit_every_width_and_theme(string path, int width, int height, bool dark, string shot)
    {
        var page = await fx.OpenAsync(path, width, height, dark);
        var grid = path == "trades" ? "trades-grid" : "positions-grid";
        await Assertions.Expect(Rows(page, grid).First).ToBeVisibleAsync(new() { Timeout = (float)Trading.TotalMilliseconds });
        // Nothing wider than the screen but the grids, which scroll inside themselves.
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the screen");
        await BrowserFixture.ScreenshotAsync(page, shot);
        await page.Context.CloseAsync();
    }

    private static decimal Dec(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    // RFC 4180: commas inside quotes, doubled quotes.
    private static List<string[]> Csv(string text)
    {
        var rows = new List<string[]>();
        foreach (var line in text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var cells = new List<string>();
            var cell = new StringBuilder();
            bool quoted = false;
            for (int i = 0; i < line.Length; i++)
            {
                char c = line[i];
                if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = !quoted;
                else if (c == ',' && !quoted) { cells.Add(cell.ToString()); cell.Clear(); }
                else cell.Append(c);
            }
            cells.Add(cell.ToString());
            rows.Add(cells.ToArray());
        }
        return rows;
    }
}
