namespace ModelCompress.Engine.Config.Reading;

/// <summary>Mappings whose keys are user names (models, model inputs): duplicates reported, first kept.</summary>
internal static class FreeMapping
{
    public static IReadOnlyList<YEntry> Entries(YMapping mapping, ParseContext context)
    {
        var seen = new Dictionary<string, YEntry>(StringComparer.Ordinal);
        var entries = new List<YEntry>();
        foreach (var entry in mapping.Entries)
        {
            if (seen.TryGetValue(entry.Key.Value, out var first) && MergeKeys.Overrides(mapping, first, entry))
            {
                seen[entry.Key.Value] = entry;
                entries[entries.IndexOf(first)] = entry;
                continue;
            }

            if (first is not null)
            {
                context.Report(ConfigDiagnostics.DuplicateKey(entry.Key.Position, entry.Key.Value, first.Key.Position));
                continue;
            }

            seen.Add(entry.Key.Value, entry);
            entries.Add(entry);
        }

        return entries;
    }
}
