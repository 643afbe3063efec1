namespace ModelCompress.Engine.Reporting;

/// <summary>
/// The machine-readable result of a run (report.json). Field meanings are documented in README ("report.json");
/// <see cref="SchemaVersion"/> changes whenever a field changes meaning or disappears.
/// </summary>
public sealed record RunReport(
    int SchemaVersion,
    string EngineVersion,
    string OnnxRuntimeVersion,
    string Config,
    bool Succeeded,
    IReadOnlyList<ModelReport> Models,
    IReadOnlyList<DiagnosticReport> Diagnostics)
{
    public const int CurrentSchemaVersion = 1;
}
