using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Adapters.Csv;
using TradingBlazor.Components.Pages;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Engine.MarketData;
using TradingBlazor.Services;
using TradingBlazor.Tests.Components.Fakes;

namespace TradingBlazor.Tests.Components;

public sealed class ImportPageTests : ComponentTestBase
{
    private const string Csv = "timestamp,open,high,low,close,volume\n2025-01-02,100,101,99,100.5,1000\n2025-01-03,101,102,100,101.5,1100\n";
    private readonly FakeMarketDataService _market = new();

    public ImportPageTests()
    {
        Ctx.Services.AddSingleton<IMarketDataService>(_market);
        _market.ImportResult = new ImportReport("AAPL", "plain", Timeframe.Day1, 3, 2,
            new[] { new RejectedRow(4, "high is below low"), new RejectedRow(7, "bad timestamp 'yesterday'") },
            new DateTime(2025, 1, 2, 14, 30, 0, DateTimeKind.Utc), new DateTime(2025, 1, 6, 14, 30, 0, DateTimeKind.Utc));
    }

    private string Symbol => ByTestId("import-symbol").GetAttribute("value") ?? "";

    private void Upload(string fileName, string content = Csv) =>
        Host.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(content, fileName));

    private Task TypeSymbolAsync(string symbol) => ByTestId("import-symbol").InputAsync(new() { Value = symbol });

    private Task ImportAsync() => ByTestId("import-run").ClickAsync(new());

    [Fact]
    public void Nothing_to_import_until_a_file_is_chosen()
    {
        Render<Import>();

        Assert.True(ByTestId("import-run").HasAttribute("disabled"));
        Assert.Equal("No file chosen", ByTestId("import-file-name").TextContent.Trim());
        Assert.False(HasTestId("import-report"));
    }

    [Fact]
    public void A_chosen_file_names_the_symbol_and_enables_import()
    {
        Render<Import>();

        Upload("aapl_daily.csv");

        Assert.Equal("AAPL", Symbol);
        Assert.Equal("aapl_daily.csv · 0 KB", ByTestId("import-file-name").TextContent.Trim());
        Assert.False(ByTestId("import-run").HasAttribute("disabled"));
        Assert.Empty(_market.Imports);
    }

    [Fact]
    public async Task A_symbol_typed_first_is_kept_when_the_file_is_chosen()
    {
        Render<Import>();

        await TypeSymbolAsync("MSFT");
        Upload("aapl_daily.csv");

        Assert.Equal("MSFT", Symbol);
    }

    [Fact]
    public async Task Import_sends_the_file_with_the_symbol_and_auto_timeframe_and_shows_the_report()
    {
        Render<Import>();
        Upload("aapl-2025.csv");

        await ImportAsync();

        var call = Assert.Single(_market.Imports);
        Assert.Equal(Csv, call.Csv);
        Assert.Equal("AAPL", call.Symbol);
        Assert.Null(call.Timeframe);

        var report = ByTestId("import-report");
        Assert.Contains("AAPL 1d · plain format", report.TextContent);
        Assert.Equal("3", ByTestId("import-accepted").TextContent);
        Assert.Equal("2", ByTestId("import-added").TextContent);
        Assert.Equal("2", ByTestId("import-rejected").TextContent);
        Assert.Contains("2025-01-02 14:30 – 2025-01-06 14:30", report.TextContent);
        var rejections = ByTestId("import-rejections").QuerySelectorAll("tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(new[] { new[] { "4", "high is below low" }, new[] { "7", "bad timestamp 'yesterday'" } }, rejections);
        Assert.Equal("markets?symbol=AAPL&timeframe=1d", ByTestId("import-open-chart").GetAttribute("href"));
        Assert.Equal("Import", ByTestId("import-run").TextContent.Trim());
    }

    [Fact]
    public async Task A_clean_import_lists_no_rejections()
    {
        _market.ImportResult = _market.ImportResult! with { Rejected = Array.Empty<RejectedRow>() };
        Render<Import>();
        Upload("spy.csv");

        await ImportAsync();

        Assert.Equal("0", ByTestId("import-rejected").TextContent);
        Assert.False(HasTestId("import-rejections"));
    }

    [Fact]
    public async Task A_chosen_timeframe_is_sent()
    {
        Render<Import>();
        Upload("spy_hourly.csv");

        await SelectAsync("Timeframe", "1h");
        await ImportAsync();

        var call = Assert.Single(_market.Imports);
        Assert.Equal("SPY", call.Symbol);
        Assert.Equal(Timeframe.Hour1, call.Timeframe);
    }

    [Fact]
    public async Task An_invalid_symbol_shows_the_inline_error_and_imports_nothing()
    {
        Render<Import>();
        Upload("data.csv");

        await TypeSymbolAsync("NOT A SYMBOL!");
        await ImportAsync();

        Assert.Empty(_market.Imports);
        Assert.Equal(new[] { "NOT A SYMBOL!" }, _market.Normalized);
        Assert.Equal("'NOT A SYMBOL!' is not a valid symbol (letters, digits, '.' or '-', at most 12).", ByTestId("import-symbol-error").TextContent);
        Assert.Equal("true", ByTestId("import-symbol").GetAttribute("aria-invalid"));
        Assert.False(HasTestId("import-report"));
    }

    [Fact]
    public async Task Fixing_the_symbol_clears_the_error_on_the_next_import()
    {
        Render<Import>();
        Upload("data.csv");
        await TypeSymbolAsync("");
        await ImportAsync();
        Assert.True(HasTestId("import-symbol-error"));

        await TypeSymbolAsync("QQQ");
        await ImportAsync();

        Assert.False(HasTestId("import-symbol-error"));
        Assert.Equal("QQQ", Assert.Single(_market.Imports).Symbol);
        Assert.True(HasTestId("import-report"));
    }

    [Fact]
    public async Task A_file_the_reader_rejects_shows_the_error()
    {
        _market.ImportFailure = new FormatException("No header row: expected timestamp,open,high,low,close,volume.");
        Render<Import>();
        Upload("junk.csv", "hello");

        await ImportAsync();

        Assert.Equal("hello", Assert.Single(_market.Imports).Csv);
        Assert.Equal("No header row: expected timestamp,open,high,low,close,volume.", ByTestId("import-error").TextContent.Trim());
        Assert.False(HasTestId("import-report"));
        Assert.False(ByTestId("import-run").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Choosing_another_file_clears_the_error()
    {
        _market.ImportFailure = new IOException("The file is too large.");
        Render<Import>();
        Upload("big.csv");
        await ImportAsync();
        Assert.True(HasTestId("import-error"));

        Upload("small.csv");

        Assert.False(HasTestId("import-error"));
        Assert.Equal("BIG", Symbol);
    }
}
