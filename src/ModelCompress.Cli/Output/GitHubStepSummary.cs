using System.Text;

namespace ModelCompress.Cli.Output;

/// <summary>
/// GitHub Actions shows the Markdown a step appends to the file named by <c>GITHUB_STEP_SUMMARY</c>. A run appends
/// its table, its budgets and its diagnostic counts there — appends, never overwrites: several builds in one
/// job each add their own summary.
/// </summary>
internal static class GitHubStepSummary
{
    public const string Variable = "GITHUB_STEP_SUMMARY";

    public static string Render(RunOutcome outcome, string configPath, string outputDirectory)
    {
        static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"### ModelCompress: {(outcome.Succeeded ? "passed" : "failed")} — `{configPath}`\n\n");
        if (outcome.Report is { } report)
        {
            md.Append("| " + string.Join(" | ", SummaryRow.Headings) + " |\n");
            md.Append("|" + string.Concat(SummaryRow.Headings.Select(_ => "---|")) + "\n");
            foreach (var row in SummaryTable.Rows(report, outputDirectory))
            {
                md.Append("| " + string.Join(" | ", row.Cells.Select(Cell)) + " |\n");
            }

            var budgets = report.Models.SelectMany(m => m.Budgets.Select(b => (Model: m.Name, Budget: b))).ToList();
            if (budgets.Count > 0)
            {
                md.Append("\n| model | budget | limit | actual | verdict |\n|---|---|---|---|---|\n");
                foreach (var (model, b) in budgets)
                {
                    var actual = b.Actual is { } a ? a.ToString("0.####", CultureInfo.InvariantCulture) + (b.Unit.Length > 0 ? " " + b.Unit : "") : "—";
                    md.Append(CultureInfo.InvariantCulture, $"| {Cell(model)} | {b.Budget} | {b.Limit} {b.LimitValue.ToString("0.####", CultureInfo.InvariantCulture)} | {actual} | {b.Verdict} |\n");
                }
            }
        }

        var errors = outcome.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        var warnings = outcome.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
        md.Append(CultureInfo.InvariantCulture, $"\nDiagnostics: {errors} error(s), {warnings} warning(s).\n");
        foreach (var d in outcome.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info))
        {
            md.Append("- `").Append(d.Code).Append("` ").Append(Cell(d.Message)).Append('\n');
        }

        return md.Append('\n').ToString();
    }

    /// <summary>Appends to the file the variable names; null when it is not set or the append worked, else the warning.</summary>
    public static Diagnostic? AppendIfSet(RunOutcome outcome, string configPath, string outputDirectory)
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } file)
        {
            return null;
        }

        try
        {
            File.AppendAllText(file, Render(outcome, configPath, outputDirectory), new UTF8Encoding(false));
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return CliDiagnostics.StepSummaryNotWritable(file, e.Message);
        }
    }
}
