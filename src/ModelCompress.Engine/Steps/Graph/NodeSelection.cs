namespace ModelCompress.Engine.Steps.Graph;

/// <summary>Include/exclude lists by node name, checked against the model so a typo is an error, not a no-op.</summary>
internal sealed class NodeSelection
{
    private readonly HashSet<string>? _include;
    private readonly HashSet<string> _exclude;

    private NodeSelection(HashSet<string>? include, HashSet<string> exclude)
    {
        _include = include;
        _exclude = exclude;
    }

    /// <summary>Builds the selection; throws MC3052 for every listed name missing from the graph.</summary>
    public static NodeSelection Create(OnnxGraph graph, string step, IReadOnlyList<string>? include, IReadOnlyList<string>? exclude)
    {
        var names = graph.Nodes.Select(n => n.Name).Where(n => n.Length > 0).ToHashSet(StringComparer.Ordinal);
        var bag = new DiagnosticBag();
        foreach (var (list, values) in new[] { ("include", include), ("exclude", exclude) })
        {
            foreach (var missing in (values ?? []).Where(v => !names.Contains(v)))
            {
                bag.Add(GraphStepDiagnostics.UnknownNode(step, list, missing, graph.Nodes.Select(n => n.Name)));
            }
        }

        bag.ThrowIfErrors();
        var includeSet = include is { Count: > 0 } ? include.ToHashSet(StringComparer.Ordinal) : null;
        return new NodeSelection(includeSet, (exclude ?? []).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Why the node is left out, or null when selected.</summary>
    public string? Reject(OnnxNode node)
    {
        if (_exclude.Contains(node.Name))
        {
            return "excluded by name";
        }

        return _include is not null && !_include.Contains(node.Name) ? "not in the include list" : null;
    }
}
