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

    /// <summary>
    /// Writes <paramref name="yaml"/> with one replacement (<c>old=&gt;new</c>, the old text must be there), runs it, and
    /// returns the run's one error: the run must fail, naming <paramref name="name"/> if it does not.
    /// </summary>
    public static Diagnostic SingleErrorAfter(TempProject project, string yaml, string replacement, string name)
    {
        var parts = replacement.Split("=>");
        Assert.Contains(parts[0], yaml);
        project.WriteConfig(yaml.Replace(parts[0], parts[1], StringComparison.Ordinal));
        var outcome = Run(project);
        var error = SingleError(outcome);
        Assert.False(outcome.Succeeded, name);
        return error;
    }

    /// <summary>A failed run leaves no model, manifest or half-written file in the output, and no staging folder in the cache.</summary>
    public static void AssertNothingWritten(TempProject project)
    {
        var files = project.OutputFiles();
        Assert.DoesNotContain(files, f => f.EndsWith(".onnx", StringComparison.Ordinal) || f.EndsWith("manifest.json", StringComparison.Ordinal) || f.EndsWith(".tmp", StringComparison.Ordinal));
        var staging = Path.Combine(project.CacheDir, "tmp");
        Assert.True(!Directory.Exists(staging) || !Directory.EnumerateFileSystemEntries(staging).Any(), "a staging folder was left in the cache");
    }
}
