namespace ModelCompress.Engine.Diagnostics;

/// <summary>A place in a text file: 1-based line and column, as MSBuild and IDEs count them.</summary>
public readonly record struct SourcePosition(string File, int Line, int Column)
{
    public override string ToString() => $"{File}({Line},{Column})";
}
