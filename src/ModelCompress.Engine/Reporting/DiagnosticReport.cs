namespace ModelCompress.Engine.Reporting;

/// <summary>A diagnostic as the report stores it, for tools that read report.json instead of the build log.</summary>
public sealed record DiagnosticReport(string Code, string Severity, string Message, string? File, int? Line, int? Column);
