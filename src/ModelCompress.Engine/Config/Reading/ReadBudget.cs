namespace ModelCompress.Engine.Config.Reading;

/// <summary>
/// The anchors read so far and how many nodes the document expands to, aliases counted at every use: nine
/// nested aliases of ten make a billion nodes for every later walk of the tree, so the read stops at
/// <see cref="LimitDiagnostics.MaxNodes"/> (MC1100) and at <see cref="LimitDiagnostics.MaxDepth"/> levels (MC1101).
/// </summary>
internal sealed class ReadBudget
{
    /// <summary>Anchor name to node, its expanded size in nodes and its height.</summary>
    public Dictionary<string, (YNode Node, long Size, int Height)> Anchors { get; } = new(StringComparer.Ordinal);

    public long Nodes { get; private set; }

    public void Use(long nodes, int depth, SourcePosition at)
    {
        Nodes += nodes;
        if (Nodes > LimitDiagnostics.MaxNodes)
        {
            throw new CompressionException(LimitDiagnostics.TooManyNodes(at));
        }

        if (depth > LimitDiagnostics.MaxDepth)
        {
            throw new CompressionException(LimitDiagnostics.TooDeep(at));
        }
    }
}
