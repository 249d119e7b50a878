using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace TradingBlazor.Engine.Reports.Pdf;

/// <summary>
/// A top-to-bottom writer over PDFsharp pages (A4, points): headings, text, images and table rows, adding a page
/// whenever the next item does not fit.
/// </summary>
internal sealed class PdfSheet
{
    public const double Margin = 40;
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    private readonly PdfDocument _document;
    private XGraphics _gfx = null!;
    private PdfPage _page = null!;

    public PdfSheet(PdfDocument document)
    {
        _document = document;
        NewPage();
    }

    public double Y { get; private set; }
    public double Width => _page.Width.Point - 2 * Margin;

    public static XFont Font(double size, bool bold = false) =>
        new(ReportFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);

    public void NewPage()
    {
        _gfx?.Dispose();
        _page = _document.AddPage();
        _page.Size = PdfSharp.PageSize.A4;
        _gfx = XGraphics.FromPdfPage(_page);
        Y = Margin;
    }

    /// <summary>Starts a new page unless this much height is left.</summary>
    public void Need(double height)
    {
        if (Y + height > _page.Height.Point - Margin) NewPage();
    }

    public void Text(string text, XFont font, XBrush? brush = null, double after = 4)
    {
        double h = font.GetHeight();
        Need(h);
        _gfx.DrawString(text, font, brush ?? XBrushes.Black, new XRect(Margin, Y, Width, h), XStringFormats.TopLeft);
        Y += h + after;
    }

    public void Space(double height) => Y += height;

    public void Image(byte[] png, double height)
    {
        Need(height);
        using var image = XImage.FromStream(new MemoryStream(png));
        _gfx.DrawImage(image, Margin, Y, Width, height);
        Y += height + 6;
    }

    /// <summary>Label-over-value cells, <paramref name="columns"/> to a row.</summary>
    public void Figures(IReadOnlyList<ReportFigure> figures, int columns)
    {
        var label = Font(7.5);
        var value = Font(11, bold: true);
        double cell = Width / columns, h = label.GetHeight() + value.GetHeight() + 8;
        for (int i = 0; i < figures.Count; i += columns)
        {
            Need(h);
            for (int c = 0; c < columns && i + c < figures.Count; c++)
            {
                var f = figures[i + c];
                double x = Margin + c * cell;
                _gfx.DrawString(f.Label, label, XBrushes.DimGray, new XRect(x, Y, cell, label.GetHeight()), XStringFormats.TopLeft);
                _gfx.DrawString(f.Display, value, Tone(f), new XRect(x, Y + label.GetHeight() + 1, cell, value.GetHeight()), XStringFormats.TopLeft);
            }
            Y += h;
        }
    }

    /// <summary>A table row: the first <paramref name="textColumns"/> left-aligned, the others right-aligned (numbers); widths are shares of the page width.</summary>
    public void Row(IReadOnlyList<string> cells, IReadOnlyList<double> widths, bool header = false, int textColumns = 1)
    {
        var font = Font(8.5, header);
        double h = font.GetHeight() + 4;
        Need(h);
        if (header) _gfx.DrawRectangle(new XSolidBrush(XColor.FromArgb(238, 241, 246)), Margin, Y, Width, h);
        double x = Margin;
        for (int i = 0; i < cells.Count; i++)
        {
            double w = widths[i] * Width;
            var format = i < textColumns ? XStringFormats.CenterLeft : XStringFormats.CenterRight;
            _gfx.DrawString(cells[i], font, XBrushes.Black, new XRect(x + 3, Y, w - 6, h), format);
            x += w;
        }
        Y += h;
        _gfx.DrawLine(new XPen(XColor.FromArgb(224, 224, 224), 0.5), Margin, Y, Margin + Width, Y);
    }

    private static XBrush Tone(ReportFigure f) => f.Key is "net_pnl" or "total_return_pct" && f.Value != 0
        ? new XSolidBrush(f.Value > 0 ? XColor.FromArgb(46, 125, 50) : XColor.FromArgb(198, 40, 40))
        : XBrushes.Black;

    public void Finish() => _gfx.Dispose();
}
