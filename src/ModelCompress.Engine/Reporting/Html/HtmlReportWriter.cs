using System.Text;

namespace ModelCompress.Engine.Reporting.Html;

/// <summary>
/// Renders report.json as report.html: one self-contained page (inline CSS, plots as inline SVG drawn with
/// ScottPlot, no script and no URL), so it opens from a CI artifact or an obj folder with no network. Every piece of
/// text from the config, the models or the data is HTML-escaped. Same report in, same bytes out (no timestamps).
/// </summary>
public static class HtmlReportWriter
{
    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;color:#222}
        table{border-collapse:collapse;margin:1em 0;font-size:.9em}
        th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
        thead th{background:#f3f3f3}
        caption{text-align:left;font-weight:600;padding:.25em 0}
        code{font-size:.95em;word-break:break-all}
        figure{margin:1em 0}
        figcaption{font-size:.9em;color:#555}
        svg{max-width:100%;height:auto}
        .pass{color:#186a1e;font-weight:600}
        .fail,.error{color:#a01515;font-weight:600}
        .warning{color:#8a5a00}
        """;

    /// <summary>The page for <paramref name="report"/>, with a sensitivity section when <paramref name="sensitivity"/> has curves.</summary>
    public static string Render(RunReport report, IReadOnlyList<SensitivityCurve>? sensitivity = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>Model compression report</title>\n<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n")
            .Append("<h1>Model compression report</h1>\n")
            .Append($"<p>Config: <code>{HtmlTables.E(report.Config)}</code> · engine {HtmlTables.E(report.EngineVersion)} · ONNX Runtime {HtmlTables.E(report.OnnxRuntimeVersion)} · ")
            .Append(report.Succeeded ? "<span class=\"pass\">passed</span>" : "<span class=\"fail\">failed</span>").Append("</p>\n");
        var figures = 0;
        foreach (var model in report.Models)
        {
            html.Append($"<section>\n<h2>{HtmlTables.E(model.Name)} — {HtmlTables.E(model.Status)}</h2>\n")
                .Append($"<p>Source <code>{HtmlTables.E(model.Source)}</code>{(model.Output is null ? "" : $" → <code>{HtmlTables.E(model.Output)}</code>")}</p>\n");
            HtmlTables.Metrics(html, model);
            HtmlTables.Budgets(html, model);
            foreach (var plot in ReportPlots.For(model))
            {
                Figure(html, plot, ++figures);
            }

            HtmlTables.Macs(html, model);
            HtmlTables.Steps(html, model);
            html.Append("</section>\n");
        }

        if (sensitivity is { Count: > 0 })
        {
            html.Append("<section>\n<h2>Sensitivity</h2>\n");
            Figure(html, ReportPlots.Sensitivity(sensitivity), ++figures);
            html.Append("</section>\n");
        }

        HtmlTables.Diagnostics(html, report.Diagnostics);
        return html.Append("</body>\n</html>\n").ToString();
    }

    private static void Figure(StringBuilder html, PlotSpec plot, int number)
    {
        html.Append("<figure>\n");
        try
        {
            html.Append(PlotRenderer.Svg(plot, $"p{number}")).Append('\n');
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException or BadImageFormatException)
        {
            // SkiaSharp's native library did not load on this host: the tables still tell the story.
            html.Append($"<p class=\"warning\">Plot not drawn: the SkiaSharp native library could not be loaded ({HtmlTables.E(e.Message)}).</p>\n");
        }

        html.Append($"<figcaption>{HtmlTables.E(plot.Caption)}</figcaption>\n</figure>\n");
    }
}
