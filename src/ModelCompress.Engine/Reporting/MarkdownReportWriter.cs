using System.Text;

namespace ModelCompress.Engine.Reporting;

/// <summary>Renders report.json as report.md: a table per model that a reviewer can read in a pull request.</summary>
public static class MarkdownReportWriter
{
    public static string Render(RunReport report)
    {
        var md = new StringBuilder();
        md.AppendLine("# Model compression report").AppendLine();
        md.AppendLine($"Config: `{report.Config}` · engine {report.EngineVersion} · ONNX Runtime {report.OnnxRuntimeVersion} · "
            + (report.Succeeded ? "**passed**" : "**failed**")).AppendLine();
        foreach (var model in report.Models)
        {
            RenderModel(md, model);
        }

        if (report.Diagnostics.Count > 0)
        {
            md.AppendLine("## Diagnostics").AppendLine();
            foreach (var d in report.Diagnostics)
            {
                var where = d.Line is { } line ? $"{d.File}({line},{d.Column})" : d.File ?? "";
                md.AppendLine($"- {d.Severity} {d.Code} {where}: {d.Message}");
            }

            md.AppendLine();
        }

        return md.ToString();
    }

    private static void RenderModel(StringBuilder md, ModelReport model)
    {
        md.AppendLine($"## {model.Name} — {model.Status}").AppendLine();
        md.AppendLine("| model | top-1 | agreement | max abs err | size KB | params | non-zero | sparsity | p50 ms | p95 ms | p99 ms | M MACs |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        Row(md, "original", model.Original);
        foreach (var step in model.Steps)
        {
            Row(md, $"after {step.Index + 1}. {step.Kind}", step.Metrics);
        }

        md.AppendLine();
        ComputeTableWriter.Render(md, model);
        if (model.Budgets.Count > 0)
        {
            md.AppendLine("| budget | limit | actual | verdict |").AppendLine("|---|---|---|---|");
            foreach (var b in model.Budgets)
            {
                md.AppendLine($"| {b.Budget} (line {b.Line}) | {b.Limit} {N(b.LimitValue)} | {(b.Actual is { } a ? N(a) + " " + b.Unit : "—")} | {b.Verdict} |");
            }

            md.AppendLine();
        }

        if (model.Steps.Count > 0)
        {
            md.AppendLine("| step | settings | cache | time ms | facts |").AppendLine("|---|---|---|---|---|");
            foreach (var s in model.Steps)
            {
                var facts = string.Join("; ", s.Facts.Select(f => $"{f.Key}={f.Value}"));
                md.AppendLine($"| {s.Index + 1}. {s.Kind} | `{s.Settings}` | {(s.CacheHit ? "hit" : "miss")} | {N(s.DurationMs)} | {facts} |");
            }

            md.AppendLine();
        }
    }

    private static void Row(StringBuilder md, string label, ModelMetrics? m)
    {
        if (m is null)
        {
            md.AppendLine($"| {label} | — | — | — | — | — | — | — | — | — | — | — |");
            return;
        }

        md.AppendLine($"| {label} | {P(m.Accuracy)} | {P(m.Agreement)} | {O(m.MaxAbsError)} | {N(m.SizeBytes / 1024.0)} | {m.Parameters} | {m.NonZeroParameters} "
            + $"| {N(m.Sparsity * 100)} % | {O(m.Latency?.P50Ms)} | {O(m.Latency?.P95Ms)} | {O(m.Latency?.P99Ms)} | {ComputeTableWriter.Millions(m.Compute)} |");
    }

    private static string P(double? value) => value is { } v ? (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %" : "—";

    private static string O(double? value) => value is { } v ? N(v) : "—";

    private static string N(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
