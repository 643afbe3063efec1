namespace ModelCompress.Engine.Diagnostics;

/// <summary>Collects every problem found in one pass, so a user sees them all at once rather than one per run.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors => _items.Any(d => d.Severity == DiagnosticSeverity.Error);

    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    /// <summary>Throws a <see cref="CompressionException"/> carrying every error so far, if there is one.</summary>
    public void ThrowIfErrors()
    {
        if (HasErrors)
        {
            throw new CompressionException(_items.Where(d => d.Severity == DiagnosticSeverity.Error).ToList());
        }
    }
}
