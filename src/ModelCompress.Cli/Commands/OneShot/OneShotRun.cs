using ModelCompress.Cli.Output;
using ModelCompress.Engine.Config;
using ModelCompress.Engine.IO;

namespace ModelCompress.Cli.Commands.OneShot;

/// <summary>
/// Runs a one-shot request through the same engine as <c>modelcompress run</c>: the request becomes a
/// compression.yaml (validated by the same reader, so a bad value gets the code a file would get), the engine runs
/// it with its cache, evaluation and report in <c>OUT.modelcompress/</c>, and only a run that passed writes OUT.
/// </summary>
internal static class OneShotRun
{
    public static int Execute(OneShotRequest request)
    {
        var output = Console.Out;
        OneShotYaml? yaml = null;
        var configPath = Path.Combine(request.WorkDirectory, "compression.yaml");
        Diagnostic Translate(Diagnostic d) => OneShotDiagnostics.Translate(d, configPath, yaml);
        try
        {
            if (Directory.Exists(request.OutputPath))
            {
                throw new CompressionException(CliDiagnostics.OutputIsDirectory("--output", request.OutputPath));
            }

            yaml = OneShotConfig.Build(request);
            // Checked in memory first: a bad option writes nothing at all.
            _ = ConfigLoader.Parse(yaml.Text, configPath);
            AtomicFile.WriteAllText(configPath, yaml.Text);
        }
        catch (CompressionException e)
        {
            foreach (var d in e.Diagnostics.Select(Translate).Distinct())
            {
                output.WriteLine(d.ToCanonical());
            }

            return ExitCodes.Failed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.WriteLine(CliDiagnostics.OutputNotWritable(request.OutputPath, e.Message).ToCanonical());
            return ExitCodes.Failed;
        }

        var options = new RunOptions(configPath, request.WorkDirectory, request.CacheDirectory ?? Path.Combine(request.WorkDirectory, "cache"), request.ModelName);
        var outcome = ObservedRun.Run(request.Plain, request.Verbosity, observer => EngineFactory.Create(new TranslatingObserver(observer, Translate)).Run(options));
        outcome = outcome with { Diagnostics = outcome.Diagnostics.Select(Translate).Distinct().ToList() };
        var written = outcome.Succeeded ? Publish(request, output) : null;
        if (written is not null)
        {
            outcome = outcome with { Diagnostics = [.. outcome.Diagnostics, written] };
        }

        var closing = new RunClosing(configPath, request.WorkDirectory, request.Verbosity, ObservedRun.AtTerminal(request.Plain), null);
        return RunCommand.Combine(RunCommand.ExitCodeOf(outcome), closing.Write(outcome, output));
    }

    // The engine wrote OUT.modelcompress/<name>.onnx; the user asked for OUT.
    private static Diagnostic? Publish(OneShotRequest request, TextWriter output)
    {
        try
        {
            AtomicFile.WriteAllBytes(request.OutputPath, File.ReadAllBytes(Path.Combine(request.WorkDirectory, request.ModelName + ".onnx")));
            if (request.Verbosity >= Verbosity.Normal)
            {
                output.WriteLine($"modelcompress: wrote {request.OutputPath}");
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var d = CliDiagnostics.OutputNotWritable(request.OutputPath, e.Message);
            output.WriteLine(d.ToCanonical());
            return d;
        }
    }
}
