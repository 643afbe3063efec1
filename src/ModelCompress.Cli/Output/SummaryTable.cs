using ModelCompress.Engine.Reporting;
using Spectre.Console;

namespace ModelCompress.Cli.Output;

/// <summary>
/// The table that closes <c>modelcompress run</c>: a Spectre table at a terminal, plain aligned columns in a log.
/// </summary>
internal static class SummaryTable
{
    /// <summary>The report a person should open: report.html when the run wrote one, else report.md.</summary>
    public static string ReportPath(string outputDirectory)
    {
        var html = Path.Combine(outputDirectory, "report.html");
        return File.Exists(html) ? html : Path.Combine(outputDirectory, "report.md");
    }

    public static IReadOnlyList<SummaryRow> Rows(RunReport report, string outputDirectory)
    {
        var path = ReportPath(outputDirectory);
        return report.Models.Select(m => SummaryRow.Of(m, path)).ToList();
    }

    /// <summary>Columns padded to their widest cell, two spaces apart; no trailing spaces.</summary>
    public static IReadOnlyList<string> Plain(IReadOnlyList<SummaryRow> rows)
    {
        var lines = new List<IReadOnlyList<string>> { SummaryRow.Headings };
        lines.AddRange(rows.Select(r => r.Cells));
        var widths = Enumerable.Range(0, SummaryRow.Headings.Count).Select(c => lines.Max(l => l[c].Length)).ToList();
        return lines.Select(l => string.Join("  ", l.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd()).ToList();
    }

    public static void Write(IReadOnlyList<SummaryRow> rows, bool atTerminal, TextWriter output)
    {
        if (!atTerminal)
        {
            foreach (var line in Plain(rows))
            {
                output.WriteLine(line);
            }

            return;
        }

        // A terminal is often 80 columns wide: the long report path goes below the table, not in a column.
        var columns = SummaryRow.Headings.Count - 1;
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var heading in SummaryRow.Headings.Take(columns))
        {
            table.AddColumn(new TableColumn(Markup.Escape(heading)));
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Cells.Take(columns).Select(c => new Text(c)).ToArray<Spectre.Console.Rendering.IRenderable>());
        }

        AnsiConsole.Write(table);
        foreach (var row in rows)
        {
            AnsiConsole.WriteLine($"{row.Model}: report {row.Report}");
        }
    }
}
