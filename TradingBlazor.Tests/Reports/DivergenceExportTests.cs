using TradingBlazor.Engine.Reports;
using TradingBlazor.Engine.Reports.Divergence;
using TradingBlazor.Engine.Reports.Pdf;
using UglyToad.PdfPig;

namespace TradingBlazor.Tests.Reports;

/// <summary>The backtest-vs-live tables in the report's CSV and in the PDF tear sheet (read back with PdfPig).</summary>
public class DivergenceExportTests
{
    private static readonly DateTime Generated = new(2025, 3, 8, 12, 0, 0, DateTimeKind.Utc);
    private static PerformanceReport LiveReport => ReportCalculator.Compute(ReportCalculatorTests.Inputs(ReportCalculatorTests.Week) with { Scope = ReportScope.Bot(1), Title = "A" });

    [Fact]
    public void The_csv_has_each_bots_counts_figures_and_one_row_per_difference()
    {
        var lines = ReportCsv.Write(LiveReport, DivergenceSamples.ForPortfolio()).Split("\r\n");

        Assert.Contains("1,A,1,Simulated market,2,1,1,0,1,0,0,98.75,150.00", lines);
        Assert.Contains("1,net_pnl,98.75,150.00", lines);
        Assert.Contains(lines, l => l.StartsWith("1,AAPL,buy,2025-03-03T15:00:00Z,100.00,10,2025-03-04T15:00:00Z,120.00,200.00,2025-03-03T15:00:00Z,", StringComparison.Ordinal)
                                    && l.EndsWith(",none,,", StringComparison.Ordinal));
        var price = Assert.Single(lines, l => l.Contains(",entry_price,fill_price,", StringComparison.Ordinal));
        Assert.StartsWith("1,SPY,buy,2025-03-05T15:00:00Z,500.25,5,", price);
        Assert.Contains("(+5.0 bps)", price);
        var missing = Assert.Single(lines, l => l.Contains(",missing_in_live,approval_rejected,", StringComparison.Ordinal));
        Assert.StartsWith("1,AAPL,buy,,,,,,,2025-03-07T14:45:00Z,110.00,5,2025-03-07T15:00:00Z,120.00,50.00,", missing);
        Assert.Contains("2,B,No recorded 1m bars of QQQ to backtest the period on.", lines);
    }

    [Fact]
    public void The_tear_sheet_reads_back_with_the_counts_the_figures_side_by_side_and_the_reasons()
    {
        using var pdf = PdfDocument.Open(TearSheet.Build(LiveReport, Generated, DivergenceSamples.ForBot()));
        var text = string.Join(" ", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));

        Assert.Contains("Backtest vs live", text);
        Assert.Contains("A 2 1 1 0 1 0 0 98.75 150.00", text);
        Assert.Contains("Config revision 1 on Simulated market bars · backtest from 10,000.00", text);
        Assert.Contains("Net P&L 98.75 150.00 -51.25", text);
        Assert.Contains("Differences (2)", text);
        Assert.Contains("2025-03-05 10:00 SPY Entry price Fill vs fill model 5 @ 500.25 5 @ 500.00", text);
        Assert.Contains("2025-03-07 09:45 AAPL Missing in live Rejected at approval — 5 @ 110.00", text);
    }

    [Fact]
    public void A_portfolio_with_many_differences_lists_the_first_and_sends_the_rest_to_the_csv()
    {
        var one = DivergenceSamples.Bot();
        var many = Enumerable.Range(0, 20).Select(i => one with { BotId = i + 1, BotName = $"Bot{i + 1}" }).ToList();
        var report = new DivergenceReport(ReportScope.Portfolio, one.From, one.To, many, Array.Empty<DivergenceFailure>());

        using var pdf = PdfDocument.Open(TearSheet.Build(ReportCalculator.Compute(ReportCalculatorTests.Inputs(ReportCalculatorTests.Week)), Generated, report));
        var text = string.Join(" ", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));

        Assert.Contains("Differences (40)", text);
        Assert.Contains("and 10 more in the CSV export", text);
        Assert.Contains("Bot20 2 1 1 0 1 0 0 98.75 150.00", text);
        Assert.DoesNotContain("Net P&L 98.75 150.00", text);
    }
}
