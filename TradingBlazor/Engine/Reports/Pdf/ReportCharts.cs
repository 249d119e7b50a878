using ScottPlot;

namespace TradingBlazor.Engine.Reports.Pdf;

/// <summary>The tear sheet's charts as PNG images drawn by ScottPlot: the equity curve and the drawdown under it.</summary>
public static class ReportCharts
{
    public static byte[] Equity(PerformanceReport r, int width, int height) =>
        Line(r, d => (double)d.Equity, "Equity ($)", new Color(41, 98, 255), fill: false, width, height);

    public static byte[] Drawdown(PerformanceReport r, int width, int height) =>
        Line(r, d => d.DrawdownPct, "Drawdown (%)", new Color(239, 83, 80), fill: true, width, height);

    private static byte[] Line(PerformanceReport r, Func<DailyEquity, double> value, string title, Color color, bool fill, int width, int height)
    {
        var plot = new Plot();
        if (r.Days.Count > 0)
        {
            var xs = r.Days.Select(d => d.Date.ToDateTime(TimeOnly.MinValue).ToOADate()).ToArray();
            var ys = r.Days.Select(value).ToArray();
            var line = plot.Add.Scatter(xs, ys, color);
            line.MarkerSize = 0;
            line.LineWidth = 2;
            if (fill)
            {
                line.FillY = true;
                line.FillYColor = color.WithAlpha(0.25);
            }
            plot.Axes.DateTimeTicksBottom();
        }
        plot.Axes.Left.Label.Text = title;
        plot.Axes.Left.Label.FontSize = 13;
        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.08);
        // Last: the date axis above replaces the bottom axis, and its labels must get the font too.
        plot.Font.Set(ReportFonts.Family);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }
}
