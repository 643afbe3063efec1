namespace ModelCompress.Engine.Config.Reading;

/// <summary>A mapping in source order, duplicates kept so the reader can report each one where it is.</summary>
internal sealed class YMapping(SourcePosition position, IReadOnlyList<YEntry> entries) : YNode(position)
{
    public IReadOnlyList<YEntry> Entries { get; } = entries;

    public override string Describe() => "a mapping";
}
