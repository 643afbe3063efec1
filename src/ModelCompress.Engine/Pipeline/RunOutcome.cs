namespace ModelCompress.Engine.Pipeline;

/// <summary>The result of a run: every diagnostic, the report when one could be made, and success.</summary>
public sealed record RunOutcome(IReadOnlyList<Diagnostic> Diagnostics, RunReport? Report)
{
    public bool Succeeded => Diagnostics.All(d => d.Severity != DiagnosticSeverity.Error);
}
