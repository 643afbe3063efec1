using ModelCompress.Engine.IO;
using ModelCompress.Engine.Reporting;

namespace ModelCompress.Cli.Output;

/// <summary>
/// What follows an engine run, for <c>run</c> and the one-shot commands alike: the detailed step facts, the closing
/// summary (one line per model when quiet, else the table), the JUnit file and the GitHub step summary. The last
/// two are written whether or not the budgets held — showing a broken gate is their point.
/// </summary>
internal sealed record RunClosing(string ConfigPath, string OutputDirectory, Verbosity Verbosity, bool AtTerminal, string? JUnitPath)
{
    /// <summary>MC5260 when <c>--junit</c> names a folder: checked before the run, so nothing is computed in vain.</summary>
    public static Diagnostic? CheckJUnitPath(string? path) =>
        path is not null && Directory.Exists(path) ? CliDiagnostics.OutputIsDirectory("--junit", path) : null;

    /// <summary>Prints and writes everything; returns the diagnostics the closing itself raised.</summary>
    public IReadOnlyList<Diagnostic> Write(RunOutcome outcome, TextWriter output)
    {
        if (outcome.Report is { } report)
        {
            if (Verbosity >= Verbosity.Detailed)
            {
                WriteLines(output, StepDetails.Lines(report));
            }

            if (Verbosity == Verbosity.Quiet)
            {
                WriteLines(output, SummaryLines.Render(report, SummaryTable.ReportPath(OutputDirectory)));
            }
            else
            {
                SummaryTable.Write(SummaryTable.Rows(report, OutputDirectory), AtTerminal, output);
            }
        }

        var raised = new List<Diagnostic>();
        if (JUnitPath is { } junit)
        {
            try
            {
                AtomicFile.WriteAllText(junit, JUnitReport.Render(outcome));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                raised.Add(CliDiagnostics.JUnitNotWritable(junit, e.Message));
            }
        }

        if (GitHubStepSummary.AppendIfSet(outcome, ConfigPath, OutputDirectory) is { } warning)
        {
            raised.Add(warning);
        }

        WriteLines(output, raised.Select(d => d.ToCanonical()));
        return raised;
    }

    private static void WriteLines(TextWriter output, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        output.Flush();
    }
}
