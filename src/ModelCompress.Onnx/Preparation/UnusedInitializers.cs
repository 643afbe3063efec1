namespace ModelCompress.Onnx.Preparation;

/// <summary>Removes initializers no node reads (directly or from a subgraph) and no graph output names.</summary>
public static class UnusedInitializers
{
    /// <summary>Removes them in place (with their graph input entries, if listed); returns how many went.</summary>
    public static int Run(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graph = model.Graph;
        var proto = graph.Proto;
        var read = proto.Node.SelectMany(n => n.Input).ToHashSet(StringComparer.Ordinal);
        read.UnionWith(proto.Output.Select(o => o.Name));
        read.UnionWith(OuterScopeNames.Of(graph));
        var unused = proto.Initializer.Where(t => !read.Contains(t.Name)).ToList();
        if (unused.Count == 0)
        {
            return 0;
        }

        var names = unused.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var tensor in unused)
        {
            proto.Initializer.Remove(tensor);
        }

        foreach (var input in proto.Input.Where(i => names.Contains(i.Name)).ToList())
        {
            proto.Input.Remove(input);
        }

        graph.Invalidate();
        return unused.Count;
    }
}
