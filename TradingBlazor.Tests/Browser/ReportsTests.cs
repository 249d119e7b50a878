using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradingBlazor.Engine.Reports;
using TradingBlazor.Services;
using TradingBlazor.Tests.Reports;
using TradingBlazor.Tests.Support;
using UglyToad.PdfPig;

namespace TradingBlazor.Tests.Browser;

/// <summary>
/// The Reports page on the real app: the demo bots' round trips over a past month (written into the store, so the
/// totals do not move while the bots keep trading today), read on screen, then downloaded as CSV and PDF.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ReportsTests(BrowserFixture fx)
{
    private static readonly DateOnly From = new(2025, 6, 2), To = new(2025, 6, 27);
    private static readonly SemaphoreSlim Seeded = new(1, 1);
    private static bool _seeded;

    private async Task SeedAsync()
    {
        await Seeded.WaitAsync();
        try
        {
            if (_seeded) return;
            // Demo bots 1 (SPY, AAPL) and 2 (MSFT, NVDA): a round trip most sessions of June 2025, gains and losses.
            var trades = new List<ReportTrade>();
            var sessions = new Domain.Calendar.NyseCalendar().SessionsBetween(From, To).ToList();
            for (int i = 0; i < sessions.Count; i++)
            {
                var open = sessions[i].OpenUtc;
                long bot = 1 + i % 2;
                string symbol = (bot, i % 4 < 2) switch { (1, true) => "SPY", (1, false) => "AAPL", (_, true) => "MSFT", _ => "NVDA" };
                decimal pnl = (i % 3 == 0 ? -1 : 1) * (12.5m + i * 3.25m);
                trades.Add(new ReportTrade(0, bot, "", symbol, 10, 100 + i, open.AddMinutes(20), 100 + i + pnl / 10, open.AddMinutes(200), pnl, 0.35m, "signal"));
            }
            await ReportSeed.AddTradesAsync(fx.App.Services, trades);
            _seeded = true;
        }
        finally
        {
            Seeded.Release();
        }
    }

    private async Task<IPage> OpenAsync(int width, int height, bool dark)
    {
        await SeedAsync();
        var context = await fx.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, AcceptDownloads = true });
        await context.AddCookiesAsync(new[] { new Cookie { Name = ThemeState.CookieName, Value = dark ? ThemeState.Dark : ThemeState.Light, Url = fx.App.BaseUrl } });
        var page = await fx.OpenAsync("reports", context);
        await Assertions.Expect(page.Locator("[data-testid=report]")).ToBeVisibleAsync();
        await BrowserFixture.Input(page, "report-from").FillAsync(From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await BrowserFixture.Input(page, "report-to").FillAsync(To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await BrowserFixture.Input(page, "report-to").BlurAsync();
        await Assertions.Expect(page.Locator("[data-testid=download-pdf]")).ToHaveAttributeAsync("href", $"api/reports/portfolio.pdf?from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}");
        return page;
    }

    private async Task<IReadOnlyList<ReportFigure>> ExpectedAsync() =>
        ReportFigures.Of((await fx.App.Services.GetRequiredService<ReportService>().BuildAsync(ReportScope.Portfolio, From, To))!);

    [Fact]
    public async Task The_screen_the_csv_and_the_pdf_show_the_same_totals()
    {
        var page = await OpenAsync(1440, 900, dark: false);
        var expected = await ExpectedAsync();
        Assert.Equal(19, expected.Single(f => f.Key == "closed_trades").Value);
        foreach (var figure in expected)
            await Assertions.Expect(page.Locator($"[data-testid=report-figures] [data-figure={figure.Key}]")).ToHaveTextAsync(figure.Display);
        await Assertions.Expect(page.Locator("[data-testid=report-chart] canvas").First).ToBeVisibleAsync(new() { Timeout = 15000 });
        await Assertions.Expect(page.Locator("[data-testid=by-bot]")).ToContainTextAsync("Demo · EMA 5/13 crossover (auto)");

        var csvDownload = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=download-csv]").ClickAsync());
        Assert.Equal($"report-portfolio-{From:yyyy-MM-dd}-{To:yyyy-MM-dd}.csv", csvDownload.SuggestedFilename);
        var csv = await File.ReadAllLinesAsync((await csvDownload.PathAsync())!);
        foreach (var figure in expected) Assert.Contains($"{figure.Key},{figure.Plain}", csv);

        var pdfDownload = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=download-pdf]").ClickAsync());
        Assert.EndsWith(".pdf", pdfDownload.SuggestedFilename);
        using var pdf = PdfDocument.Open(await File.ReadAllBytesAsync((await pdfDownload.PathAsync())!));
        var words = pdf.GetPage(1).GetWords().Select(w => w.Text).ToList();
        foreach (var figure in expected)
        {
            var onScreen = await page.Locator($"[data-testid=report-figures] [data-figure={figure.Key}]").TextContentAsync();
            Assert.Contains(onScreen!.Trim(), words);
        }
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1440, 900, false, "reports-light")]
    [InlineData(1440, 900, true, "reports-dark")]
    [InlineData(390, 844, false, "reports-phone")]
    [InlineData(390, 844, true, "reports-phone-dark")]
    public async Task The_report_fits_every_width_and_theme(int width, int height, bool dark, string shot)
    {
        var page = await OpenAsync(width, height, dark);
        await Assertions.Expect(page.Locator("[data-testid=report-chart] canvas").First).ToBeVisibleAsync(new() { Timeout = 15000 });
        await Assertions.Expect(page.Locator("[data-testid=returns-heatmap] .tb-cal-cell[data-date]")).ToHaveCountAsync(19);
        // Nothing but the wide tables scrolls sideways: the page itself is no wider than the screen.
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the screen");
        await BrowserFixture.ScreenshotAsync(page, shot);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1440, 900, false, "reports-divergence")]
    [InlineData(1440, 900, true, "reports-divergence-dark")]
    [InlineData(390, 844, false, "reports-divergence-phone")]
    [InlineData(390, 844, true, "reports-divergence-phone-dark")]
    public async Task A_bots_backtest_beside_its_live_trades_fits_every_width_and_theme(int width, int height, bool dark, string shot)
    {
        var page = await OpenAsync(width, height, dark);
        // The portfolio first: a row per bot.
        await Assertions.Expect(page.Locator("[data-testid=divergence-bots] tbody tr", new() { HasText = "EMA 5/13" })).ToBeVisibleAsync(new() { Timeout = 30000 });

        await page.Locator("[data-testid=report-scope]").ClickAsync();
        await BrowserFixture.ChooseAsync(page, "Demo · EMA 5/13 crossover (auto)");
        var section = page.Locator("[data-testid=divergence]");
        await Assertions.Expect(section.Locator("[data-testid=divergence-summary]")).ToBeVisibleAsync(new() { Timeout = 30000 });
        // The seeded live trades were never signalled on the simulated market's bars: each is explained, and so is every backtest trade live did not make.
        var why = section.Locator("[data-testid=divergence-trades] [data-reason]");
        await Assertions.Expect(why.First).ToBeVisibleAsync();
        await Assertions.Expect(section.Locator("[data-testid=divergence-figures] tr[data-figure=net_pnl]")).ToBeVisibleAsync();
        await Assertions.Expect(section.Locator("[data-testid=divergence-trades] [data-kind=missing_in_backtest]").First).ToBeVisibleAsync();

        await BrowserFixture.ScreenshotAsync(page, shot + "-page");
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the screen");
        // The section alone for the docs: the sticky app bar and the simulated market's trade toasts would cover part of it.
        await section.ScreenshotAsync(new() { Path = Path.Combine(TestPaths.Artifacts("screenshots"), shot + ".png"), Style = ".mud-appbar, .mud-snackbar { display: none !important; }" });
        await page.Context.CloseAsync();
    }
}
