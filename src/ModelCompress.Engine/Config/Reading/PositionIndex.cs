namespace ModelCompress.Engine.Config.Reading;

/// <summary>Flattens a node into dotted paths and the positions of their values.</summary>
internal static class PositionIndex
{
    public static IReadOnlyDictionary<string, SourcePosition> Build(YNode node)
    {
        var positions = new SortedDictionary<string, SourcePosition>(StringComparer.Ordinal);
        Walk(node, string.Empty, positions, depth: 0);
        return positions;
    }

    private static void Walk(YNode node, string path, SortedDictionary<string, SourcePosition> positions, int depth)
    {
        // Aliases may make the tree a graph; configs are shallow, so a depth cap is enough.
        if (depth > 32)
        {
            return;
        }

        if (path.Length > 0)
        {
            positions.TryAdd(path, node.Position);
        }

        switch (node)
        {
            case YMapping mapping:
                foreach (var entry in mapping.Entries)
                {
                    Walk(entry.Value, path.Length == 0 ? entry.Key.Value : $"{path}.{entry.Key.Value}", positions, depth + 1);
                }

                break;
            case YSequence sequence:
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    Walk(sequence.Items[i], $"{path}[{i}]", positions, depth + 1);
                }

                break;
        }
    }
}
