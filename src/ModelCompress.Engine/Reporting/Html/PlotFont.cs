using ScottPlot;
using SkiaSharp;

namespace ModelCompress.Engine.Reporting.Html;

/// <summary>
/// The one font every plot is measured and labelled with: DejaVu Sans, embedded in this assembly. Host fonts differ
/// (and slim containers have none), and glyph widths go into the SVG, so a host font would change report.html's
/// bytes from machine to machine. ScottPlot's font registry is process-wide, so this registers itself once.
/// </summary>
internal sealed class PlotFont : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private static readonly Lock Gate = new();
    private static bool registered;
    private readonly SKTypeface typeface;

    private PlotFont(SKTypeface typeface) => this.typeface = typeface;

    /// <summary>Registers the embedded font with ScottPlot (first call only) and returns its family name.</summary>
    public static string Use()
    {
        lock (Gate)
        {
            if (!registered)
            {
                using var stream = typeof(PlotFont).Assembly.GetManifestResourceStream("ModelCompress.Engine.Reporting.DejaVuSans.ttf")
                    ?? throw new InvalidOperationException("The plot font is missing from ModelCompress.Engine.");
                Fonts.FontResolvers.Insert(0, new PlotFont(SKTypeface.FromStream(stream)));
                Fonts.Default = Family;
                registered = true;
            }

            return Family;
        }
    }

    // Bold and italic requests get the regular face too (Skia emboldens it): one file keeps the output stable.
    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
        string.Equals(fontName, Family, StringComparison.Ordinal) ? typeface : null;

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
        string.Equals(fontName, Family, StringComparison.Ordinal) ? typeface : null;
}
