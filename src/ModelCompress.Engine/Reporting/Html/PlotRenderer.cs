using ScottPlot;

namespace ModelCompress.Engine.Reporting.Html;

/// <summary>Draws a <see cref="PlotSpec"/> with ScottPlot as inline SVG markup, in the embedded font.</summary>
internal static class PlotRenderer
{
    public const int Width = 720;

    // ScottPlot's font registry and typeface cache are process-wide and not documented as thread-safe; rendering
    // takes milliseconds, so runs in one process (tests, a host embedding the engine) draw one plot at a time.
    private static readonly Lock Gate = new();

    /// <summary>The plot's &lt;svg&gt; element, its ids prefixed with <paramref name="prefix"/> (unique in the page).</summary>
    public static string Svg(PlotSpec spec, string prefix)
    {
        lock (Gate)
        {
            using var plot = new Plot();
            plot.Font.Set(PlotFont.Use());
            spec.Draw(plot);
            return InlineSvg.Clean(plot.GetSvgXml(Width, spec.Height), prefix, Width, spec.Height);
        }
    }
}
