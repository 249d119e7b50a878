using System.Globalization;
using PdfSharp.Pdf;
using static TradingBlazor.Engine.Reports.ReportFormat;

namespace TradingBlazor.Engine.Reports.Pdf;

/// <summary>
/// The report as a PDF tear sheet: headline figures, equity and drawdown charts, monthly and weekly returns, the
/// per-symbol and per-bot breakdowns, the backtest beside live when given. Built on the server with PDFsharp and ScottPlot; no browser involved.
/// </summary>
public static class TearSheet
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly double[] PeriodColumns = { 0.4, 0.2, 0.2, 0.2 };
    private static readonly double[] BreakdownColumns = { 0.35, 0.12, 0.13, 0.14, 0.12, 0.14 };

    /// <exception cref="ReportFontsMissingException">The machine has no TrueType font to set the PDF in.</exception>
    public static byte[] Build(PerformanceReport r, DateTime generatedUtc, Divergence.DivergenceReport? divergence = null)
    {
        if (ReportFonts.Current is null) throw new ReportFontsMissingException();
        using var document = new PdfDocument();
        document.Info.Title = $"Performance report - {r.Title}";
        document.Info.Creator = "TradingBlazor";
        var sheet = new PdfSheet(document);

        sheet.Text($"Performance report · {r.Title}", PdfSheet.Font(16, bold: true), after: 2);
        sheet.Text($"{Date(r.From)} to {Date(r.To)} (New York) · realized equity at each session close · generated {generatedUtc.ToString("yyyy-MM-dd HH:mm", Invariant)} UTC",
            PdfSheet.Font(8), PdfSharp.Drawing.XBrushes.DimGray, after: 10);
        sheet.Figures(ReportFigures.Of(r), columns: 4);
        sheet.Space(6);
        // Drawn at twice the size they are shown at, for a sharp print.
        int px = (int)(sheet.Width * 2);
        sheet.Image(ReportCharts.Equity(r, px, 340), 170);
        sheet.Image(ReportCharts.Drawdown(r, px, 200), 100);

        Section(sheet, "Monthly returns");
        sheet.Row(new[] { "Month", "P&L", "Return", "Trades" }, PeriodColumns, header: true);
        foreach (var m in r.Months) sheet.Row(new[] { m.Start.ToString("yyyy-MM", Invariant), Money(m.Pnl), Pct(m.ReturnPct), Count(m.Trades) }, PeriodColumns);

        Breakdown(sheet, "By symbol", "Symbol", r.BySymbol);
        if (r.Scope.IsPortfolio) Breakdown(sheet, "By bot", "Bot", r.ByBot);

        Section(sheet, "Weekly returns");
        sheet.Row(new[] { "Week of", "P&L", "Return", "Trades" }, PeriodColumns, header: true);
        foreach (var w in r.Weeks) sheet.Row(new[] { Date(w.Start), Money(w.Pnl), Pct(w.ReturnPct), Count(w.Trades) }, PeriodColumns);

        if (divergence is not null) DivergenceSheet.Add(sheet, divergence);
        sheet.Finish();
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    internal static void Section(PdfSheet sheet, string title)
    {
        sheet.Space(8);
        sheet.Need(60);
        sheet.Text(title, PdfSheet.Font(11, bold: true));
    }

    private static void Breakdown(PdfSheet sheet, string title, string key, IReadOnlyList<BreakdownRow> rows)
    {
        Section(sheet, title);
        sheet.Row(new[] { key, "Trades", "Win rate", "P&L", "Fees", "Profit factor" }, BreakdownColumns, header: true);
        foreach (var b in rows)
            sheet.Row(new[] { b.Key, Count(b.Trades), Pct(b.WinRatePct), Money(b.Pnl), Money(b.Fees), Ratio(b.ProfitFactor) }, BreakdownColumns);
    }
}
