using Microsoft.Playwright;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class ImportTests
{
    private readonly BrowserFixture _fx;

    public ImportTests(BrowserFixture fx) => _fx = fx;

    [Fact]
    public async Task Uploading_a_csv_imports_its_rows_reports_rejects_and_charts_them()
    {
        var dir = TestPaths.NewTempDirectory();
        var csv = Path.Combine(dir, "ACME_daily.csv");
        var lines = File.ReadAllLines(SpxFixture.BarsPath).Take(301).ToList(); // header + 300 sessions
        lines.Insert(5, "2000-01-07,10,9,8,9.5,100"); // high below the open: rejected, line 6
        File.WriteAllLines(csv, lines);

        var page = await _fx.OpenAsync("markets/import");
        await page.Locator("[data-testid=import-file]").SetInputFilesAsync(csv);
        await Assertions.Expect(page.Locator("[data-testid=import-symbol] input, input[data-testid=import-symbol]").First).ToHaveValueAsync("ACME");
        await page.Locator("[data-testid=import-run]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=import-accepted]")).ToHaveTextAsync("300");
        await Assertions.Expect(page.Locator("[data-testid=import-added]")).ToHaveTextAsync("300");
        await Assertions.Expect(page.Locator("[data-testid=import-rejected]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-testid=import-report]")).ToContainTextAsync("high 9 is below max(open, close) 10");
        await BrowserFixture.ScreenshotAsync(page, "import-report");

        // Importing again adds nothing.
        await page.Locator("[data-testid=import-run]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=import-added]")).ToHaveTextAsync("0");

        await page.Locator("[data-testid=import-open-chart]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=price-chart][data-candles='300']")).ToHaveCountAsync(1, new() { Timeout = 15000 });
        await BrowserFixture.ScreenshotAsync(page, "import-chart");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_bad_symbol_gets_an_inline_error()
    {
        var dir = TestPaths.NewTempDirectory();
        var csv = Path.Combine(dir, "x.csv");
        File.WriteAllLines(csv, File.ReadAllLines(SpxFixture.BarsPath).Take(5));
        var page = await _fx.OpenAsync("markets/import");
        await page.Locator("[data-testid=import-file]").SetInputFilesAsync(csv);
        // The server has taken the file once it proposes a symbol from the file name; type over it only then.
        var symbol = page.Locator("input[data-testid=import-symbol], [data-testid=import-symbol] input").First;
        await Assertions.Expect(symbol).ToHaveValueAsync("X", new() { Timeout = 15000 }); // the upload travels over the circuit: slow under a full test run
        await symbol.FillAsync("BAD SYMBOL!");
        await page.Locator("[data-testid=import-run]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=import-symbol-error]")).ToContainTextAsync("not a valid symbol");
        await Assertions.Expect(page.Locator("[data-testid=import-report]")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
