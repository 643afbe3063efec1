using ModelCompress.Cli.Output;

namespace ModelCompress.Cli.Commands;

/// <summary>
/// <c>modelcompress run --config compression.yaml</c>: what the build does — compress every model, evaluate,
/// check budgets, write the models, report.json, report.md, report.html and the build manifest into the output folder — then
/// close with a summary table, and optionally a JUnit file and a GitHub step summary.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "Path of compression.yaml.", Required = true };
        var model = new Option<string?>("--model") { Description = "Run only the model of this name." };
        var output = new Option<string?>("--output") { Description = "Output folder (default: obj/modelcompress beside the config)." };
        var cacheDir = CommonOptions.CacheDir();
        var severity = new Option<string>("--budget-severity")
        {
            Description = "error (default) or warning: how a broken budget is reported.",
            DefaultValueFactory = _ => "error",
        };
        severity.AcceptOnlyFromAmong("error", "warning");
        var manifest = new Option<string?>("--manifest") { Description = "Where to write manifest.json (default: in the output folder)." };
        var plain = new Option<bool>("--plain") { Description = "Plain log lines instead of progress bars." };
        var remeasure = new Option<bool>("--remeasure") { Description = "Measure every model again instead of reusing this machine's cached evaluations." };
        var junit = new Option<string?>("--junit") { Description = "Write every budget as a JUnit test case to this file (also when a budget fails)." };
        var verbosity = CommonOptions.Verbosity();

        var command = new Command("run", "Compress the models of a compression.yaml, evaluate them and check their budgets.")
        {
            config, model, output, cacheDir, severity, manifest, plain, remeasure, junit, verbosity,
        };
        command.SetAction(result =>
        {
            var configPath = Path.GetFullPath(result.GetValue(config)!);
            var configDir = Path.GetDirectoryName(configPath)!;
            var outputDir = Path.GetFullPath(result.GetValue(output) ?? Path.Combine(configDir, "obj", "modelcompress"));
            var junitPath = result.GetValue(junit) is { } j ? Path.GetFullPath(j) : null;
            if (RunClosing.CheckJUnitPath(junitPath) is { } badJUnit)
            {
                Console.Out.WriteLine(badJUnit.ToCanonical());
                return ExitCodes.Failed;
            }

            var options = new RunOptions(
                configPath,
                outputDir,
                Path.GetFullPath(result.GetValue(cacheDir) ?? Path.Combine(configDir, "obj", "modelcompress-cache")),
                result.GetValue(model),
                result.GetValue(severity) == "warning" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error,
                result.GetValue(manifest) is { } m ? Path.GetFullPath(m) : Path.Combine(outputDir, "manifest.json"),
                result.GetValue(remeasure));
            var level = result.GetValue(verbosity);
            var isPlain = result.GetValue(plain);
            var outcome = ObservedRun.Run(isPlain, level, observer => EngineFactory.Create(observer).Run(options));
            var closing = new RunClosing(configPath, outputDir, level, ObservedRun.AtTerminal(isPlain), junitPath);
            return Combine(ExitCodeOf(outcome), closing.Write(outcome, Console.Out));
        });
        return command;
    }

    internal static int ExitCodeOf(RunOutcome outcome) =>
        outcome.Diagnostics.Any(d => d.Code == "MC9001") ? ExitCodes.InternalError
        : outcome.Succeeded ? ExitCodes.Success
        : ExitCodes.Failed;

    /// <summary>A run that passed still fails when its closing outputs (the JUnit file) could not be written.</summary>
    internal static int Combine(int exitCode, IReadOnlyList<Diagnostic> closing) =>
        exitCode == ExitCodes.Success && closing.Any(d => d.Severity == DiagnosticSeverity.Error) ? ExitCodes.Failed : exitCode;
}
