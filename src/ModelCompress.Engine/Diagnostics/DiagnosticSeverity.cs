namespace ModelCompress.Engine.Diagnostics;

public enum DiagnosticSeverity
{
    Error,
    Warning,
    Info,
}
