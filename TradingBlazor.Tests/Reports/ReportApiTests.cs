using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Engine.Reports;
using TradingBlazor.Tests.Support;
using UglyToad.PdfPig;

namespace TradingBlazor.Tests.Reports;

/// <summary>The report endpoints on the real app (Kestrel, SQLite file): figures, CSV, the PDF read back, and bad input.</summary>
public sealed class ReportApiTests : IAsyncLifetime
{
    private const string Week = "from=2025-03-03&to=2025-03-07";
    private TestApp _app = null!;
    private HttpClient _http = null!;
    private long _alpha, _beta;

    public async Task InitializeAsync()
    {
        _app = await TestApp.StartAsync("--Trading:DemoBots=false");
        _http = _app.CreateClient();
        _alpha = await ReportSeed.AddBotAsync(_app.Services, "Alpha", 10_000m);
        _beta = await ReportSeed.AddBotAsync(_app.Services, "Beta", 5_000m);
        var trades = ReportCalculatorTests.Week.Select(t => t with { BotId = t.BotName == "A" ? _alpha : _beta }).ToList();
        // A gain of Alpha's before the week: it raises the equity the week starts from, not the week's P&L.
        trades.Add(trades[0] with { EntryUtc = new DateTime(2025, 2, 27, 15, 0, 0, DateTimeKind.Utc), ExitUtc = new DateTime(2025, 2, 28, 15, 0, 0, DateTimeKind.Utc), Pnl = 1_000m });
        await ReportSeed.AddTradesAsync(_app.Services, trades);
    }

    private ReportService Reports => _app.Services.GetRequiredService<ReportService>();

    [Fact]
    public async Task The_portfolio_summary_counts_every_bots_capital_and_trades()
    {
        var json = JsonDocument.Parse(await _http.GetStringAsync($"api/reports/portfolio?{Week}")).RootElement;

        Assert.Equal(16_000m, json.GetProperty("start_equity").GetDecimal());
        Assert.Equal(150m, json.GetProperty("net_pnl").GetDecimal());
        Assert.Equal(3, json.GetProperty("closed_trades").GetInt32());
        Assert.Equal(2.5m, json.GetProperty("total_fees").GetDecimal());
        Assert.Equal(2.5, json.GetProperty("profit_factor").GetDouble(), 10);
    }

    [Fact]
    public async Task A_bots_csv_has_its_figures_to_the_cent_and_its_returns_to_four_decimals()
    {
        using var response = await _http.GetAsync($"api/reports/{_alpha}.csv?{Week}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"report-{_alpha}-2025-03-03-2025-03-07.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var csv = await response.Content.ReadAsStringAsync();
        var lines = csv.Split("\r\n");

        Assert.Equal("metric,value", lines[0]);
        Assert.Contains("scope,Alpha", lines);
        Assert.Contains("start_equity,11000.00", lines);
        Assert.Contains("net_pnl,100.00", lines);
        Assert.Contains("closed_trades,2", lines);
        Assert.Contains("profit_factor,2.0000", lines);
        // Tuesday: 11,000 → 11,200 is +1.8182%.
        Assert.True(lines.Contains("2025-03-04,11200.00,200.00,1.8182,0.0000,1,1"), csv);
        Assert.Contains("symbol,trades,win_rate_pct,pnl,fees,profit_factor", lines);
        Assert.Contains(lines, l => l.StartsWith("id,bot,symbol", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(",Alpha,SPY,5,2025-03-05T15:00:00Z,500.00,2025-03-05T18:00:00Z,480.00,-100.00,1.00,-4.0000,stop", StringComparison.Ordinal));
        // The backtest beside live follows: Alpha's config backtested on the simulated market's bars of the week, or why it could not be.
        int divergence = Array.IndexOf(lines, "bot_id,bot,config_revision,bars,matched,agreeing,missing_in_live,missing_in_backtest,price_differences,quantity_differences,timing_differences,live_pnl,backtest_pnl");
        Assert.True(divergence > 0, csv);
        Assert.True(lines[divergence + 1].StartsWith($"{_alpha},Alpha,1,Simulated market,", StringComparison.Ordinal) || csv.Contains("not_backtested_because"), csv);
    }

    [Fact]
    public async Task The_pdf_tear_sheet_reads_back_with_the_figures_the_service_computed()
    {
        var expected = await Reports.BuildAsync(ReportScope.Portfolio, new DateOnly(2025, 3, 3), new DateOnly(2025, 3, 7));
        using var response = await _http.GetAsync($"api/reports/portfolio.pdf?{Week}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);

        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var page = pdf.GetPage(1);
        var words = pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text).ToList();
        Assert.Contains("Portfolio", page.Text);
        foreach (var figure in ReportFigures.Of(expected!))
        {
            Assert.Contains(figure.Label.Replace(" ", ""), page.Text.Replace(" ", ""));
            Assert.Contains(figure.Display, words);
        }
        Assert.Contains("16,150.00", words);
        Assert.True(page.GetImages().Count() >= 2, "the equity and drawdown charts are drawn");
        // The breakdowns name every symbol and bot.
        Assert.Contains("AAPL", words);
        Assert.Contains("Beta", words);
    }

    [Theory]
    [InlineData("abc", Week, "scope")]
    [InlineData("portfolio", "from=2025-13-01", "from")]
    [InlineData("portfolio", "from=2025-03-07&to=2025-03-03", "to")]
    [InlineData("portfolio", "to=yesterday", "to")]
    [InlineData("portfolio", "from=2000-01-01&to=2025-01-01", "to")]
    public async Task Bad_input_is_a_problem_naming_the_field(string scope, string query, string field)
    {
        foreach (var extension in new[] { "", ".csv", ".pdf" })
        {
            using var response = await _http.GetAsync($"api/reports/{scope}{extension}?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{extension}: {problem}");
        }
    }

    [Fact]
    public async Task A_bot_that_does_not_exist_is_not_found()
    {
        using var response = await _http.GetAsync($"api/reports/9999.pdf?{Week}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("9999", await response.Content.ReadAsStringAsync());
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }
}
