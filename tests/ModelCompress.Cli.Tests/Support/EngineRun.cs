using ModelCompress.Engine.Pipeline;

namespace ModelCompress.Cli.Tests.Support;

/// <summary>Runs the real engine in-process, as `modelcompress run` would, and keeps what it said.</summary>
internal static class EngineRun
{
    public static RunOutcome Run(TempProject project, string? cacheDir = null, DiagnosticSeverity severity = DiagnosticSeverity.Error, string? model = null)
    {
        var options = new RunOptions(project.ConfigPath, project.OutputDir, cacheDir ?? project.CacheDir, model, severity, Path.Combine(project.OutputDir, "manifest.json"));
        return EngineFactory.Create(NullEngineObserver.Instance).Run(options);
    }

    public static Diagnostic SingleError(RunOutcome outcome)
    {
        var errors = outcome.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 1, "Expected one error, got: " + string.Join(" | ", outcome.Diagnostics.Select(d => d.ToCanonical())));
        return errors[0];
    }
}
