using ModelCompress.Engine.Reporting;

namespace ModelCompress.Cli.Output;

/// <summary>
/// One model's line of the closing summary, as text cells: size, quality metric and latency before → after,
/// budget verdict counts, cache hits and where its report is. Shared by the terminal table, the plain table and
/// the GitHub step summary, so all three say the same thing.
/// </summary>
internal sealed record SummaryRow(
    string Model, string Status, string Size, string Metric, string P50, string P95, string Budgets, string CacheHits, string Report)
{
    /// <summary>The column headings, in the order of the record's fields.</summary>
    public static IReadOnlyList<string> Headings { get; } = ["model", "status", "size", "metric", "p50 ms", "p95 ms", "budgets", "cache hits", "report"];

    public IReadOnlyList<string> Cells => [Model, Status, Size, Metric, P50, P95, Budgets, CacheHits, Report];

    public static SummaryRow Of(ModelReport model, string reportPath)
    {
        var (before, after) = (model.Original, model.Compressed);
        return new SummaryRow(
            model.Name,
            model.Status,
            before is not null && after is not null ? $"{SizeText(before.SizeBytes)} → {SizeText(after.SizeBytes)}" : "—",
            MetricText(before, after),
            Latency(before?.Latency?.P50Ms, after?.Latency?.P50Ms),
            Latency(before?.Latency?.P95Ms, after?.Latency?.P95Ms),
            BudgetCounts(model.Budgets),
            model.Steps.Count == 0 ? "—" : F($"{model.Steps.Count(s => s.CacheHit)}/{model.Steps.Count} steps"),
            reportPath);
    }

    /// <summary>"2 pass, 1 fail" — only the verdicts that occur, in a fixed order; "none" without budgets.</summary>
    public static string BudgetCounts(IReadOnlyList<BudgetReport> budgets)
    {
        string[] order = ["pass", "fail", "inconclusive", "not measured"];
        var counts = order.Select(v => (Verdict: v, Count: budgets.Count(b => b.Verdict == v))).Where(c => c.Count > 0).ToList();
        return counts.Count == 0 ? "none" : string.Join(", ", counts.Select(c => F($"{c.Count} {c.Verdict}")));
    }

    private static string MetricText(ModelMetrics? before, ModelMetrics? after)
    {
        if (before?.Accuracy is { } a && after?.Accuracy is { } b)
        {
            return F($"top-1 {a * 100:0.00} % → {b * 100:0.00} %");
        }

        return after?.Agreement is { } agreement ? F($"agreement {agreement * 100:0.00} %") : "—";
    }

    // Latency is measured only when evaluation iterations > 0; "—" says it was not.
    private static string Latency(double? before, double? after) =>
        before is { } x && after is { } y ? F($"{x:0.000} → {y:0.000}") : "—";

    private static string SizeText(long bytes) => bytes >= 1024 * 1024
        ? F($"{bytes / (1024.0 * 1024.0):0.0} MB")
        : F($"{bytes / 1024.0:0.0} KB");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
