using PdfSharp.Fonts;

namespace TradingBlazor.Engine.Reports.Pdf;

/// <summary>
/// The TrueType faces the tear sheet is set in. PDFsharp has no font lookup of its own off Windows and ScottPlot's
/// Skia build has no fontconfig, so both are handed the same files: the first regular/bold pair found on the machine.
/// </summary>
public sealed class ReportFonts : IFontResolver
{
    public const string Family = "Report Sans";

    // Debian/Ubuntu (fonts-dejavu-core, fonts-liberation), Fedora, macOS, Windows.
    private static readonly (string Regular, string Bold)[] Candidates =
    {
        ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
        ("/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf", "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf"),
        ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
        ("/System/Library/Fonts/Supplemental/Arial.ttf", "/System/Library/Fonts/Supplemental/Arial Bold.ttf"),
        (@"C:\Windows\Fonts\arial.ttf", @"C:\Windows\Fonts\arialbd.ttf"),
    };

    private static readonly Lazy<ReportFonts?> Installed = new(Install);

    private readonly byte[] _regular, _bold;

    private ReportFonts(string regular, string bold)
    {
        RegularPath = regular;
        BoldPath = bold;
        _regular = File.ReadAllBytes(regular);
        _bold = File.ReadAllBytes(bold);
    }

    public string RegularPath { get; }
    public string BoldPath { get; }

    /// <summary>The faces, registered with PDFsharp and ScottPlot once per process; null when the machine has none.</summary>
    public static ReportFonts? Current => Installed.Value;

    private static ReportFonts? Install()
    {
        var (regular, bold) = Candidates.FirstOrDefault(c => File.Exists(c.Regular) && File.Exists(c.Bold));
        if (regular is null) return null;
        var fonts = new ReportFonts(regular, bold);
        // PDFsharp takes one resolver per process, set before its first font operation.
        GlobalFontSettings.FontResolver = fonts;
        ScottPlot.Fonts.AddFontFile(Family, regular, bold: false, italic: false);
        ScottPlot.Fonts.AddFontFile(Family, bold, bold: true, italic: false);
        return fonts;
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => new(bold ? "bold" : "regular");

    public byte[] GetFont(string faceName) => faceName == "bold" ? _bold : _regular;
}

/// <summary>No TrueType font to set a PDF in (install fonts-dejavu-core).</summary>
public sealed class ReportFontsMissingException()
    : Exception("PDF reports need a TrueType font on this machine: install DejaVu Sans (Debian: fonts-dejavu-core) or Liberation Sans.");
