using System.Text;

namespace ModelCompress.Engine.Reporting.Html;

/// <summary>The tables of report.html, the same ones report.md holds: metrics, MACs per layer, budgets, steps.</summary>
internal static class HtmlTables
{
    public static void Metrics(StringBuilder html, ModelReport model)
    {
        html.Append("<table><thead><tr><th>model</th><th>top-1</th><th>agreement</th><th>max abs err</th><th>size KB</th><th>params</th>")
            .Append("<th>non-zero</th><th>sparsity</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>M MACs</th></tr></thead><tbody>\n");
        MetricsRow(html, "original", model.Original);
        foreach (var step in model.Steps)
        {
            MetricsRow(html, $"after {step.Index + 1}. {step.Kind}", step.Metrics);
        }

        html.Append("</tbody></table>\n");
    }

    public static void Macs(StringBuilder html, ModelReport model)
    {
        var columns = ComputeTableWriter.Columns(model);
        if (columns.Count == 0)
        {
            return;
        }

        html.Append("<table><caption>MACs per sample by layer (thousands; symbolic batch counted as 1)</caption><thead><tr><th>layer</th><th>op</th>");
        html.Append(string.Concat(columns.Select(c => $"<th>{E(c.Label)}</th>"))).Append("</tr></thead><tbody>\n");
        foreach (var (node, op) in ComputeTableWriter.Layers(columns))
        {
            var cells = columns.Select(c => c.Cost.Layers.FirstOrDefault(l => l.Node == node) is { } l ? N(l.Macs / 1e3) : "—");
            html.Append($"<tr><td>{E(node)}</td><td>{E(op)}</td>{string.Concat(cells.Select(c => $"<td>{c}</td>"))}</tr>\n");
        }

        html.Append($"<tr><th>total (FLOPs in M)</th><td></td>{string.Concat(columns.Select(c => $"<th>{N(c.Cost.Macs / 1e3)} ({N(c.Cost.Flops / 1e6)})</th>"))}</tr>\n");
        html.Append("</tbody></table>\n");
        foreach (var (label, cost) in columns.Where(c => !c.Cost.IsComplete))
        {
            html.Append($"<p>Not counted in {E(label)}: {E(string.Join(", ", cost.Uncounted))}.</p>\n");
        }
    }

    public static void Budgets(StringBuilder html, ModelReport model)
    {
        if (model.Budgets.Count == 0)
        {
            return;
        }

        html.Append("<table><thead><tr><th>budget</th><th>limit</th><th>actual</th><th>verdict</th></tr></thead><tbody>\n");
        foreach (var b in model.Budgets)
        {
            var actual = b.Actual is { } a ? $"{N(a)} {E(b.Unit)}" : "—";
            html.Append($"<tr><td>{E(b.Budget)} (line {b.Line})</td><td>{E(b.Limit)} {N(b.LimitValue)}</td><td>{actual}</td><td class=\"{Verdict(b.Verdict)}\">{E(b.Verdict)}</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    public static void Steps(StringBuilder html, ModelReport model)
    {
        if (model.Steps.Count == 0)
        {
            return;
        }

        html.Append("<table><thead><tr><th>step</th><th>settings</th><th>cache</th><th>time ms</th><th>facts</th></tr></thead><tbody>\n");
        foreach (var s in model.Steps)
        {
            html.Append($"<tr><td>{s.Index + 1}. {E(s.Kind)}</td><td><code>{E(s.Settings)}</code></td><td>{(s.CacheHit ? "hit" : "miss")}</td><td>{N(s.DurationMs)}</td><td>");
            if (s.Facts.Count > 0)
            {
                // Quantize steps list every node: folded, so the table stays readable.
                html.Append($"<details><summary>{s.Facts.Count} facts</summary><ul>");
                html.Append(string.Concat(s.Facts.Select(f => $"<li>{E(f.Key)} = {E(f.Value)}</li>")));
                html.Append("</ul></details>");
            }

            html.Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    public static void Diagnostics(StringBuilder html, IReadOnlyList<DiagnosticReport> diagnostics)
    {
        if (diagnostics.Count == 0)
        {
            return;
        }

        html.Append("<h2>Diagnostics</h2>\n<table><thead><tr><th>severity</th><th>code</th><th>where</th><th>message</th></tr></thead><tbody>\n");
        foreach (var d in diagnostics)
        {
            var where = d.Line is { } line ? $"{d.File}({line},{d.Column})" : d.File ?? "";
            html.Append($"<tr><td class=\"{E(d.Severity)}\">{E(d.Severity)}</td><td>{E(d.Code)}</td><td>{E(where)}</td><td>{E(d.Message)}</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    /// <summary>HTML-escapes text from the config, the models or the data (names, paths, node names, messages).</summary>
    public static string E(string? text) => System.Net.WebUtility.HtmlEncode(text ?? string.Empty);

    private static void MetricsRow(StringBuilder html, string label, ModelMetrics? m)
    {
        if (m is null)
        {
            html.Append($"<tr><td>{E(label)}</td>{string.Concat(Enumerable.Repeat("<td>—</td>", 11))}</tr>\n");
            return;
        }

        string[] cells =
        [
            P(m.Accuracy), P(m.Agreement), O(m.MaxAbsError), N(m.SizeBytes / 1024.0), m.Parameters.ToString(CultureInfo.InvariantCulture),
            m.NonZeroParameters.ToString(CultureInfo.InvariantCulture), N(m.Sparsity * 100) + " %", O(m.Latency?.P50Ms), O(m.Latency?.P95Ms),
            O(m.Latency?.P99Ms), E(ComputeTableWriter.Millions(m.Compute)),
        ];
        html.Append($"<tr><td>{E(label)}</td>{string.Concat(cells.Select(c => $"<td>{c}</td>"))}</tr>\n");
    }

    private static string Verdict(string verdict) => verdict switch
    {
        "pass" => "pass",
        "fail" => "fail",
        _ => "other",
    };

    private static string P(double? value) => value is { } v ? (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %" : "—";

    private static string O(double? value) => value is { } v ? N(v) : "—";

    private static string N(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
