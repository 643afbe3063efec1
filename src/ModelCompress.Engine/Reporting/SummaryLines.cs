namespace ModelCompress.Engine.Reporting;

/// <summary>
/// One line per model for the build's default verbosity (<c>ModelCompress: digits 221.8 KB → 60.5 KB, top-1
/// 99.20 % → 97.99 %, p95 0.07 → 0.05 ms; report: …</c>). Written to summary.txt so the build prints it on every
/// build, also when the engine is skipped as up to date.
/// </summary>
public static class SummaryLines
{
    /// <summary>The lines for <paramref name="report"/>, one per model, in config order.</summary>
    public static IReadOnlyList<string> Render(RunReport report, string reportPath) =>
        report.Models.Select(m => Line(m, reportPath)).ToList();

    private static string Line(ModelReport model, string reportPath)
    {
        var parts = new List<string>();
        if (model.Original is { } before && model.Compressed is { } after)
        {
            parts.Add($"{Size(before.SizeBytes)} → {Size(after.SizeBytes)}");
            if (before.Accuracy is { } a && after.Accuracy is { } b)
            {
                parts.Add(F($"top-1 {a * 100:0.00} % → {b * 100:0.00} %"));
            }
            else if (after.Agreement is { } agreement)
            {
                parts.Add(F($"agreement {agreement * 100:0.00} %"));
            }

            if (before.Latency is { } l0 && after.Latency is { } l1)
            {
                parts.Add(F($"p95 {l0.P95Ms:0.00} → {l1.P95Ms:0.00} ms"));
            }
        }
        else
        {
            parts.Add(model.Status);
        }

        return $"ModelCompress: {model.Name} {string.Join(", ", parts)}; report: {reportPath}";
    }

    private static string Size(long bytes) => bytes >= 1024 * 1024
        ? F($"{bytes / (1024.0 * 1024.0):0.0} MB")
        : F($"{bytes / 1024.0:0.0} KB");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
