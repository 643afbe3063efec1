namespace ModelCompress.Engine.Config.Reading;

/// <summary>
/// YAML merge keys (<c>&lt;&lt;: *anchor</c>): a key written in the mapping overrides one merged in. Merged entries
/// are told by their position: they come from an anchor, which always lies before the mapping that uses it.
/// </summary>
internal static class MergeKeys
{
    public static bool Overrides(YMapping mapping, YEntry first, YEntry next) =>
        IsMerged(mapping, first) && !IsMerged(mapping, next);

    private static bool IsMerged(YMapping mapping, YEntry entry) =>
        entry.Key.Position.Line < mapping.Position.Line
        || (entry.Key.Position.Line == mapping.Position.Line && entry.Key.Position.Column < mapping.Position.Column);
}
