using System.CommandLine;
using System.Text.Json;
using ModelCompress.Engine.Reporting;

namespace ModelCompress.Cli.Commands;

/// <summary><c>modelcompress report report.json</c>: renders a run's report as Markdown (or re-checks it parses).</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("report") { Description = "Path of a report.json written by 'run' or by the build." };
        var command = new Command("report", "Print a report.json as Markdown.") { path };
        command.SetAction(result =>
        {
            var file = result.GetValue(path)!;
            // A FIFO or /dev/zero would block or never end; a report is a small regular file.
            var problem = Onnx.Files.SafeFile.Check(Path.GetFullPath(file), 64L << 20, null, out var real);
            if (problem is not (Onnx.Files.FileProblem.None or Onnx.Files.FileProblem.Missing))
            {
                Console.Error.WriteLine($"{Path.GetFullPath(file)}: error MC5104: cannot read the report: {Onnx.Files.SafeFile.Describe(problem, file, real, null, 64L << 20)} Pass a report.json written by 'modelcompress run'.");
                return ExitCodes.Failed;
            }

            try
            {
                var report = ReportJson.Deserialize(File.ReadAllText(file));
                Console.Out.Write(MarkdownReportWriter.Render(report));
                return report.Succeeded ? ExitCodes.Success : ExitCodes.Failed;
            }
            catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"{Path.GetFullPath(file)}: error MC5010: cannot read the report ({e.Message}). Pass a report.json written by 'modelcompress run'.");
                return ExitCodes.Failed;
            }
        });
        return command;
    }
}
