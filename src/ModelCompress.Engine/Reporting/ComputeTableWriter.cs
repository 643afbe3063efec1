using System.Text;
using ModelCompress.Onnx.Metrics;

namespace ModelCompress.Engine.Reporting;

/// <summary>
/// The MACs part of report.md: one row per computing layer, one column for the original and one per step, so a
/// reviewer sees where structural pruning removed arithmetic. Layers are matched by node name.
/// </summary>
internal static class ComputeTableWriter
{
    /// <summary>MACs per sample in millions, with a mark when some nodes could not be counted.</summary>
    public static string Millions(ComputeCost? cost) => cost is null
        ? "—"
        : N(cost.Macs / 1e6) + (cost.IsComplete ? string.Empty : " (incomplete)");

    /// <summary>The table's columns: the original, then every step whose metrics counted MACs.</summary>
    public static List<(string Label, ComputeCost Cost)> Columns(ModelReport model)
    {
        var columns = new List<(string Label, ComputeCost Cost)>();
        if (model.Original?.Compute is { } original)
        {
            columns.Add(("original", original));
        }

        columns.AddRange(model.Steps.Where(s => s.Metrics?.Compute is not null).Select(s => ($"after {s.Index + 1}", s.Metrics!.Compute!)));
        return columns;
    }

    /// <summary>The table's rows: every layer that computes in any column, in first-seen order.</summary>
    public static List<(string Node, string OpType)> Layers(List<(string Label, ComputeCost Cost)> columns) =>
        columns.SelectMany(c => c.Cost.Layers).Where(l => l.Macs > 0).Select(l => (l.Node, l.OpType)).Distinct().ToList();

    public static void Render(StringBuilder md, ModelReport model)
    {
        var columns = Columns(model);
        if (columns.Count == 0)
        {
            return;
        }

        var layers = Layers(columns);
        md.AppendLine("MACs per sample by layer (thousands; symbolic batch counted as 1):").AppendLine();
        md.AppendLine($"| layer | op | {string.Join(" | ", columns.Select(c => c.Label))} |");
        md.AppendLine($"|---|---|{string.Concat(columns.Select(_ => "---|"))}");
        foreach (var (node, op) in layers)
        {
            var cells = columns.Select(c => c.Cost.Layers.FirstOrDefault(l => l.Node == node) is { } l ? N(l.Macs / 1e3) : "—");
            md.AppendLine($"| {node} | {op} | {string.Join(" | ", cells)} |");
        }

        md.AppendLine($"| **total** (FLOPs in M) | | {string.Join(" | ", columns.Select(c => $"{N(c.Cost.Macs / 1e3)} ({N(c.Cost.Flops / 1e6)})"))} |");
        foreach (var (label, cost) in columns.Where(c => !c.Cost.IsComplete))
        {
            md.AppendLine().Append($"Not counted in {label}: {string.Join(", ", cost.Uncounted)}.").AppendLine();
        }

        md.AppendLine();
    }

    private static string N(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
