namespace ModelCompress.Engine.Steps.Graph;

/// <summary>
/// The first layers (the prunable nodes a graph input reaches without passing another prunable node) and the
/// classifier layers (those that reach a graph output the same way). Mature pruners leave both dense: the first
/// sees raw input through few weights, the last decides the classes.
/// </summary>
internal static class EdgeLayers
{
    public static IReadOnlySet<OnnxNode> Find(OnnxGraph graph, IReadOnlyCollection<OnnxNode> prunable)
    {
        var edges = new HashSet<OnnxNode>();
        Walk(graph.DataInputs.Select(i => i.Name), prunable, edges, v => graph.Consumers(v), n => n.Outputs);
        Walk(graph.Outputs.Select(o => o.Name), prunable, edges, v => graph.Producer(v) is { } p ? [p] : [], n => n.Inputs);
        return edges;
    }

    private static void Walk(IEnumerable<string> start, IReadOnlyCollection<OnnxNode> prunable, HashSet<OnnxNode> found,
        Func<string, IReadOnlyList<OnnxNode>> next, Func<OnnxNode, IReadOnlyList<string>> onward)
    {
        var values = new Stack<string>(start);
        var seen = new HashSet<OnnxNode>();
        while (values.TryPop(out var value))
        {
            foreach (var node in next(value).Where(seen.Add))
            {
                if (prunable.Contains(node))
                {
                    found.Add(node);
                    continue;
                }

                foreach (var v in onward(node).Where(v => v.Length > 0))
                {
                    values.Push(v);
                }
            }
        }
    }
}
