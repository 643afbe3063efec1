using ScottPlot;

namespace ModelCompress.Engine.Reporting.Html;

/// <summary>A plot to draw: its caption (HTML-escaped by the writer), its height in pixels and what to draw.</summary>
internal sealed record PlotSpec(string Caption, int Height, Action<Plot> Draw);
