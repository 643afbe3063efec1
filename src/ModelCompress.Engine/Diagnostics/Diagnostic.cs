namespace ModelCompress.Engine.Diagnostics;

/// <summary>
/// One problem, said once: a stable code (MC1xxx config, MC2xxx budgets, MC3xxx models and operators,
/// MC4xxx data, MC5xxx cache and IO), what is wrong, and what to do about it.
/// </summary>
public sealed record Diagnostic(
    string Code,
    DiagnosticSeverity Severity,
    string Message,
    SourcePosition? Position = null,
    string? File = null)
{
    public static Diagnostic Error(string code, string message, SourcePosition? position = null, string? file = null) =>
        new(code, DiagnosticSeverity.Error, message, position, file);

    public static Diagnostic Warning(string code, string message, SourcePosition? position = null, string? file = null) =>
        new(code, DiagnosticSeverity.Warning, message, position, file);

    public Diagnostic WithSeverity(DiagnosticSeverity severity) => this with { Severity = severity };

    /// <summary>
    /// MSBuild's canonical error format (<c>file(line,col): error MC1001: text</c>), so the build task relays the
    /// line as is and IDEs jump to the position.
    /// </summary>
    public string ToCanonical()
    {
        var origin = Position is { } p ? p.ToString() : File ?? "modelcompress";
        var kind = Severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "message",
        };
        return $"{origin}: {kind} {Code}: {Message}";
    }

    public override string ToString() => ToCanonical();
}
