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
            InitCommand.Create(),
            QuantizeCommand.Create(),
            PruneCommand.Create(),
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

        if (Packaging.OrtNativeCheck.Problem(args) is { } problem)
        {
            Console.Error.WriteLine(problem);
            return ExitCodes.Failed;
        }

        int exitCode;
        try
        {
            exitCode = result.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Commands turn user problems into diagnostics themselves; whatever escapes is a bug.
            Console.Error.WriteLine($"modelcompress: error MC9001: Internal error: {e.GetType().Name}: {e.Message}. Please report it with the command line. {e.StackTrace?.ReplaceLineEndings(" ")}");
            exitCode = ExitCodes.InternalError;
        }

        Output.NativeLibraryReport.WriteIfAsked(Console.Out);
        return exitCode;
    }
}
