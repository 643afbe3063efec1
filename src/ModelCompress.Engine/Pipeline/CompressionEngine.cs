using ModelCompress.Engine.Caching;
using ModelCompress.Engine.IO;
using ModelCompress.Engine.Manifest;
using ModelCompress.Engine.Reporting.Html;
using ModelCompress.Engine.Steps;

namespace ModelCompress.Engine.Pipeline;

/// <summary>
/// The engine behind both <c>dotnet build</c> and <c>modelcompress run</c>: parse the config, run every model's
/// pipeline, write the compressed models, report.json, report.md, report.html and — only when everything passed — the build
/// manifest that tells MSBuild the outputs are complete and up to date.
/// </summary>
public sealed class CompressionEngine(StepRegistry registry, IEngineObserver observer)
{
    public RunOutcome Run(RunOptions options)
    {
        var manifestPath = options.ManifestPath ?? Path.Combine(options.OutputDirectory, "manifest.json");
        var diagnostics = new List<Diagnostic>();
        try
        {
            // A run that fails must never leave the build believing it is up to date, nor an older run's report
            // saying it succeeded.
            var startedUtc = DateTime.UtcNow;
            StaleOutputs.Remove(manifestPath, options.OutputDirectory);
            DeleteIfExists(manifestPath);
            DeleteIfExists(Path.Combine(options.OutputDirectory, "report.json"));
            DeleteIfExists(Path.Combine(options.OutputDirectory, "report.md"));
            DeleteIfExists(Path.Combine(options.OutputDirectory, "report.html"));
            var config = ConfigLoader.Load(options.ConfigPath);
            foreach (var warning in config.Warnings)
            {
                observer.Diagnostic(warning);
                diagnostics.Add(warning);
            }

            var models = Select(config, options.ModelFilter);
            var cache = ArtifactCache.Open(options.CacheDirectory);
            var runs = models
                .Select(m => new ModelPipeline(m, cache, registry, observer, EngineIdentity.Current, options).Run())
                .ToList();
            diagnostics.AddRange(runs.SelectMany(r => r.Diagnostics));
            var report = WriteOutputs(options, config, runs, diagnostics, manifestPath, startedUtc);
            return new RunOutcome(diagnostics, report);
        }
        catch (CompressionException e)
        {
            foreach (var d in e.Diagnostics)
            {
                observer.Diagnostic(d);
            }

            diagnostics.AddRange(e.Diagnostics);
            return new RunOutcome(diagnostics, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug, not a user error: say so plainly and keep the stack for the bug report.
            var bug = Diagnostic.Error("MC9001", $"Internal error in the engine: {e.GetType().Name}: {e.Message}. Please report it with the config and model. {e.StackTrace?.ReplaceLineEndings(" ")}", file: options.ConfigPath);
            observer.Diagnostic(bug);
            diagnostics.Add(bug);
            return new RunOutcome(diagnostics, null);
        }
    }

    private static IReadOnlyList<ModelConfig> Select(CompressionConfig config, string? filter)
    {
        if (filter is null)
        {
            return config.Models;
        }

        var match = config.Models.Where(m => m.Name == filter).ToList();
        if (match.Count == 0)
        {
            throw new CompressionException(Diagnostic.Error(
                "MC1090",
                $"There is no model named '{filter}' in the config (models: {string.Join(", ", config.Models.Select(m => m.Name))}). Pass one of those to --model.",
                file: config.FilePath));
        }

        return match;
    }

    private static RunReport WriteOutputs(RunOptions options, CompressionConfig config, List<ModelRun> runs, List<Diagnostic> diagnostics, string manifestPath, DateTime startedUtc)
    {
        var succeeded = diagnostics.All(d => d.Severity != DiagnosticSeverity.Error);
        var report = new RunReport(
            RunReport.CurrentSchemaVersion,
            EngineIdentity.Current.EngineVersion,
            EngineIdentity.Current.OnnxRuntimeVersion,
            config.FilePath,
            succeeded,
            runs.Select(r => r.Report).ToList(),
            diagnostics.Select(ToReport).ToList());
        var reportJson = Path.Combine(options.OutputDirectory, "report.json");
        var reportMd = Path.Combine(options.OutputDirectory, "report.md");
        var reportHtml = Path.Combine(options.OutputDirectory, "report.html");
        try
        {
            foreach (var run in runs)
            {
                // A model that failed this time must not leave the last good run's file looking current.
                var path = Path.Combine(options.OutputDirectory, run.Report.Name + ".onnx");
                if (run.Compressed is null)
                {
                    DeleteIfExists(path);
                    DeleteIfExists(path + ".data");
                }
                else
                {
                    run.Compressed.CopyTo(path);
                }
            }

            if (options.ModelFilter is null)
            {
                OrphanedOutputs.Remove(options.OutputDirectory, config.Models.Select(m => m.Name));
            }

            AtomicFile.WriteAllText(reportJson, ReportJson.Serialize(report));
            AtomicFile.WriteAllText(reportMd, MarkdownReportWriter.Render(report));
            AtomicFile.WriteAllText(reportHtml, HtmlReportWriter.Render(report));
            AtomicFile.WriteAllText(Path.Combine(options.OutputDirectory, "summary.txt"), string.Concat(SummaryLines.Render(report, reportHtml).Select(l => l + "\n")));
            if (succeeded)
            {
                var inputs = new SortedSet<string>(StringComparer.Ordinal) { config.FilePath };
                inputs.UnionWith(runs.SelectMany(r => r.Inputs));
                var models = runs.Select(r => new ManifestModel(
                    r.Report.Name,
                    r.Report.Output!,
                    null, // the build names the resource after the project's root namespace
                    BuildManifest.AccessorNameOf(r.Report.Name),
                    r.Compressed is { HasExternalData: true } c ? c.OutputDataFiles(r.Report.Output!) : null)).ToList();
                new BuildManifest(BuildManifest.CurrentVersion, inputs.ToList(), models, [reportJson, reportMd, reportHtml]).Write(manifestPath);

                // Stamped with the run's start: an input edited while the run was going is newer, so the next
                // build runs again.
                File.SetLastWriteTimeUtc(manifestPath, startedUtc);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CompressionException(CacheDiagnostics.OutputNotWritable(options.OutputDirectory, e.Message));
        }

        return report;
    }

    private static DiagnosticReport ToReport(Diagnostic d) =>
        new(d.Code, d.Severity.ToString().ToLowerInvariant(), d.Message, d.Position?.File ?? d.File, d.Position?.Line, d.Position?.Column);

    private static void DeleteIfExists(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
