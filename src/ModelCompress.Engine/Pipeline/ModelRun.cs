namespace ModelCompress.Engine.Pipeline;

/// <summary>One model's outcome: its report, the compressed model when it passed, and the files it read.</summary>
internal sealed record ModelRun(ModelReport Report, Caching.ModelArtifact? Compressed, IReadOnlyList<string> Inputs, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Failed => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
