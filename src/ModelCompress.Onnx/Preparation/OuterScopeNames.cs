namespace ModelCompress.Onnx.Preparation;

/// <summary>
/// Names read inside the subgraphs of If, Loop and Scan nodes. A subgraph may read any value of the main graph by
/// name without listing it as a node input, so a rewrite that renames or removes such a value would break it:
/// the passes treat these names as pinned.
/// </summary>
public static class OuterScopeNames
{
    /// <summary>Every input name used by a node inside any subgraph of <paramref name="graph"/> (recursively).</summary>
    public static IReadOnlySet<string> Of(OnnxGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in graph.Proto.Node)
        {
            Collect(node, names);
        }

        return names;
    }

    /// <summary>True when the node carries a graph attribute (a control-flow body).</summary>
    public static bool HasSubgraph(OnnxNode node) =>
        node.Proto.Attribute.Any(a => a.G is not null || a.Graphs.Count > 0);

    private static void Collect(NodeProto node, HashSet<string> names)
    {
        foreach (var attribute in node.Attribute)
        {
            var graphs = attribute.G is { } g ? attribute.Graphs.Prepend(g) : attribute.Graphs;
            foreach (var sub in graphs)
            {
                foreach (var inner in sub.Node)
                {
                    names.UnionWith(inner.Input.Where(i => i.Length > 0));
                    Collect(inner, names);
                }

                names.UnionWith(sub.Output.Select(o => o.Name));
            }
        }
    }
}
