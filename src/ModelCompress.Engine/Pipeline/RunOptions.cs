namespace ModelCompress.Engine.Pipeline;

/// <summary>
/// One invocation of the engine: which config, where outputs and cache go, how budgets are reported, and whether
/// cached measurements are ignored (<paramref name="Remeasure"/>).
/// </summary>
public sealed record RunOptions(
    string ConfigPath,
    string OutputDirectory,
    string CacheDirectory,
    string? ModelFilter = null,
    DiagnosticSeverity BudgetSeverity = DiagnosticSeverity.Error,
    string? ManifestPath = null,
    bool Remeasure = false);
