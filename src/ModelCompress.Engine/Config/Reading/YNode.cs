namespace ModelCompress.Engine.Config.Reading;

/// <summary>
/// A YAML node with the position where it starts. Our own small tree rather than YamlDotNet's representation
/// model, because that one throws on the first duplicate key and we want to report them all.
/// </summary>
internal abstract class YNode(SourcePosition position)
{
    public SourcePosition Position { get; } = position;

    /// <summary>How the node reads in a "got ..." message.</summary>
    public abstract string Describe();
}
