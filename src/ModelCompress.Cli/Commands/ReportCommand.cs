using System.Text.Json;
using ModelCompress.Engine.IO;
using ModelCompress.Engine.Reporting;
using ModelCompress.Engine.Reporting.Html;
using ModelCompress.Torch.Training;

namespace ModelCompress.Cli.Commands;

/// <summary>
/// <c>modelcompress report report.json [--html FILE [--sensitivity sensitivity.json]]</c>: renders a run's report
/// as Markdown on stdout, or as the self-contained report.html (with the curves of a sensitivity analysis when given).
/// </summary>
internal static class ReportCommand
{
    private const long MaxBytes = 64L << 20;

    public static Command Create()
    {
        var path = new Argument<string>("report") { Description = "Path of a report.json written by 'run' or by the build." };
        var html = new Option<string?>("--html") { Description = "Write the report as one self-contained HTML page (tables and plots) to this file instead of printing Markdown." };
        var sensitivity = new Option<string?>("--sensitivity") { Description = "A sensitivity.json from 'modelcompress sensitivity --output', plotted in the HTML page." };
        var command = new Command("report", "Print a report.json as Markdown, or write it as HTML with --html.") { path, html, sensitivity };
        command.SetAction(result =>
        {
            var file = result.GetValue(path)!;
            if (!Readable(file, "report", "a report.json written by 'modelcompress run'"))
            {
                return ExitCodes.Failed;
            }

            var curvesFile = result.GetValue(sensitivity);
            if (curvesFile is not null && result.GetValue(html) is null)
            {
                Console.Error.WriteLine("modelcompress: error MC2100: --sensitivity is plotted in the HTML page only: add --html FILE.");
                return ExitCodes.Usage;
            }

            if (curvesFile is not null && !Readable(curvesFile, "sensitivity analysis", "a sensitivity.json written by 'modelcompress sensitivity --output DIR'"))
            {
                return ExitCodes.Failed;
            }

            RunReport report;
            try
            {
                report = ReportJson.Deserialize(File.ReadAllText(file));
            }
            catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"{Path.GetFullPath(file)}: error MC5010: cannot read the report ({e.Message}). Pass a report.json written by 'modelcompress run'.");
                return ExitCodes.Failed;
            }

            if (result.GetValue(html) is not { } target)
            {
                Console.Out.Write(MarkdownReportWriter.Render(report));
                return report.Succeeded ? ExitCodes.Success : ExitCodes.Failed;
            }

            IReadOnlyList<SensitivityCurve>? curves = null;
            if (curvesFile is not null && (curves = Curves(curvesFile)) is null)
            {
                return ExitCodes.Failed;
            }

            try
            {
                AtomicFile.WriteAllText(Path.GetFullPath(target), HtmlReportWriter.Render(report, curves));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"{Path.GetFullPath(target)}: error MC2102: cannot write the HTML report ({e.Message}). Pass a writable path to --html.");
                return ExitCodes.Failed;
            }

            return report.Succeeded ? ExitCodes.Success : ExitCodes.Failed;
        });
        return command;
    }

    // A FIFO or /dev/zero would block or never end; a report is a small regular file.
    private static bool Readable(string file, string what, string expected)
    {
        var problem = Onnx.Files.SafeFile.Check(Path.GetFullPath(file), MaxBytes, null, out var real);
        if (problem is Onnx.Files.FileProblem.None or Onnx.Files.FileProblem.Missing)
        {
            return true;
        }

        Console.Error.WriteLine($"{Path.GetFullPath(file)}: error MC5104: cannot read the {what}: {Onnx.Files.SafeFile.Describe(problem, file, real, null, MaxBytes)} Pass {expected}.");
        return false;
    }

    /// <summary>One curve per layer (or channel group) of a sensitivity.json; null after printing MC2101 when it does not parse.</summary>
    private static List<SensitivityCurve>? Curves(string file)
    {
        try
        {
            var analysis = JsonSerializer.Deserialize<SensitivityReport>(File.ReadAllText(file), new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
            if (analysis?.Rows is not { Count: > 0 } rows)
            {
                throw new JsonException("it holds no rows");
            }

            return rows.GroupBy(r => r.Node, StringComparer.Ordinal)
                .Select(g => new SensitivityCurve(g.Key, analysis.Metric, analysis.Baseline, g.OrderBy(r => r.Sparsity).Select(r => (r.Sparsity, r.Accuracy)).ToList()))
                .ToList();
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{Path.GetFullPath(file)}: error MC2101: cannot read the sensitivity analysis ({e.Message}). Pass a sensitivity.json written by 'modelcompress sensitivity --output DIR'.");
            return null;
        }
    }
}
