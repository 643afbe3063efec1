namespace ModelCompress.Engine.Diagnostics;

/// <summary>
/// A failure the user can act on, carrying its diagnostics. Anything else that escapes the engine is a bug
/// and is reported as such (MC9001), never dressed up as a user error.
/// </summary>
public sealed class CompressionException : Exception
{
    public CompressionException(Diagnostic diagnostic)
        : this([diagnostic])
    {
    }

    public CompressionException(IReadOnlyList<Diagnostic> diagnostics)
        : base(string.Join(Environment.NewLine, diagnostics.Select(d => d.ToCanonical())))
    {
        Diagnostics = diagnostics;
    }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}
