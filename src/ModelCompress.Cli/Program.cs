using System.CommandLine;
using ModelCompress.Cli.Commands;

namespace ModelCompress.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("modelcompress: prune, quantize, distill and fine-tune ONNX models, gated by budgets.")
        {
            RunCommand.Create(),
            EvalCommand.Create(),
            InspectCommand.Create(),
            ReportCommand.Create(),
            CacheCommand.Create(),
            SensitivityCommand.Create(),
            BenchCommand.Create(),
        };
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
            {
                Console.Error.WriteLine($"modelcompress: error MC0001: {error.Message}");
            }

            return ExitCodes.Usage;
        }

        var exitCode = result.Invoke();
        Output.NativeLibraryReport.WriteIfAsked(Console.Out);
        return exitCode;
    }
}
