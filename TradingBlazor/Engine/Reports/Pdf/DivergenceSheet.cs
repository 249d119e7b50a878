using System.Globalization;
using PdfSharp.Drawing;
using TradingBlazor.Domain.Time;
using TradingBlazor.Engine.Reports.Divergence;
using static TradingBlazor.Engine.Reports.ReportFormat;

namespace TradingBlazor.Engine.Reports.Pdf;

/// <summary>
/// The tear sheet's backtest-vs-live page: each bot's counts, a bot's key figures side by side, and the differences
/// (the first of them; the CSV has every one), each with its reason.
/// </summary>
internal static class DivergenceSheet
{
    /// <summary>How many differences the sheet lists; a period with more says how many the CSV adds.</summary>
    public const int MaxDifferences = 30;
    private static readonly double[] SummaryColumns = { 0.2, 0.08, 0.07, 0.08, 0.1, 0.07, 0.07, 0.07, 0.13, 0.13 };
    private static readonly double[] FigureColumns = { 0.4, 0.2, 0.2, 0.2 };
    private static readonly double[] DifferenceColumns = { 0.16, 0.09, 0.14, 0.25, 0.18, 0.18 };
    private static readonly string[] KeyFigures = { "net_pnl", "total_return_pct", "max_drawdown_pct", "sharpe", "closed_trades", "win_rate_pct", "profit_factor", "total_fees" };

    public static void Add(PdfSheet sheet, DivergenceReport d)
    {
        TearSheet.Section(sheet, "Backtest vs live");
        sheet.Text("The stored config backtested on the bars the bot traded, from its equity at the start; trades entered in the period matched by symbol, side and entry within a bar.",
            PdfSheet.Font(7.5), XBrushes.DimGray);
        sheet.Row(new[] { "Bot", "Matched", "Agree", "Miss. live", "Miss. backtest", "Price", "Qty", "Timing", "Live P&L", "Backtest P&L" }, SummaryColumns, header: true);
        foreach (var b in d.Bots)
        {
            var s = b.Summary;
            sheet.Row(new[] { b.BotName, Count(s.Matched), Count(s.Agreeing), Count(s.MissingInLive), Count(s.MissingInBacktest), Count(s.PriceDifferences),
                Count(s.QuantityDifferences), Count(s.TimingDifferences), Money(s.LivePnl), Money(s.BacktestPnl) }, SummaryColumns);
        }
        foreach (var f in d.Failures) sheet.Text($"{f.BotName} could not be backtested: {f.Reason}", PdfSheet.Font(7.5), XBrushes.DimGray);

        if (!d.Scope.IsPortfolio && d.Bots.Count == 1) Figures(sheet, d.Bots[0]);
        Differences(sheet, d);
    }

    private static void Figures(PdfSheet sheet, BotDivergence b)
    {
        sheet.Space(6);
        sheet.Text($"Config revision {b.ConfigRevision} on {b.Bars} bars · backtest from {Money(b.BacktestReport.StartEquity)}", PdfSheet.Font(7.5), XBrushes.DimGray);
        sheet.Row(new[] { "Figure", "Live", "Backtest", "Gap" }, FigureColumns, header: true);
        foreach (var f in b.Figures.Where(f => KeyFigures.Contains(f.Live.Key)))
            sheet.Row(new[] { f.Live.Label, f.Live.Display, f.Backtest.Display, f.Gap?.Display ?? "—" }, FigureColumns);
    }

    private static void Differences(PdfSheet sheet, DivergenceReport d)
    {
        var rows = d.Bots.SelectMany(b => b.Trades.SelectMany(t => t.Differences.Select(x => (Trade: t, Difference: x)))).ToList();
        sheet.Space(6);
        sheet.Text(rows.Count == 0 ? "No differences: every trade agrees." : $"Differences ({Count(rows.Count)})", PdfSheet.Font(9.5, bold: true));
        if (rows.Count == 0) return;
        sheet.Row(new[] { "Entry (ET)", "Symbol", "Difference", "Reason", "Live", "Backtest" }, DifferenceColumns, header: true, textColumns: 4);
        foreach (var (t, x) in rows.Take(MaxDifferences))
            sheet.Row(new[] { MarketTime.ToEastern(t.EntryUtc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), t.Symbol, DivergenceText.Label(x.Kind),
                DivergenceText.Label(x.Reason), Leg(t.Live), Leg(t.Backtest) }, DifferenceColumns, textColumns: 4);
        if (rows.Count > MaxDifferences)
            sheet.Text($"… and {Count(rows.Count - MaxDifferences)} more in the CSV export, with every detail.", PdfSheet.Font(7.5), XBrushes.DimGray);
    }

    private static string Leg(TradeLeg? t) => t is null ? "—"
        : $"{t.Quantity.ToString("0.####", CultureInfo.InvariantCulture)} @ {Money(t.EntryPrice)}";
}
