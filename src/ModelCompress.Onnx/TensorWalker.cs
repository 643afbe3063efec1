namespace ModelCompress.Onnx;

/// <summary>Every tensor message in a model, in file order: initializers, attribute tensors, subgraphs, functions.</summary>
internal static class TensorWalker
{
    public static IEnumerable<TensorProto> All(ModelProto model)
    {
        if (model.Graph is { } graph)
        {
            foreach (var t in InGraph(graph))
            {
                yield return t;
            }
        }

        foreach (var t in model.Functions.SelectMany(f => f.Node).SelectMany(InNode))
        {
            yield return t;
        }
    }

    private static IEnumerable<TensorProto> InGraph(GraphProto graph)
    {
        foreach (var t in graph.Initializer)
        {
            yield return t;
        }

        foreach (var s in graph.SparseInitializer)
        {
            if (s.Values is { } v)
            {
                yield return v;
            }

            if (s.Indices is { } i)
            {
                yield return i;
            }
        }

        foreach (var t in graph.Node.SelectMany(InNode))
        {
            yield return t;
        }
    }

    private static IEnumerable<TensorProto> InNode(NodeProto node)
    {
        foreach (var a in node.Attribute)
        {
            if (a.T is { } t)
            {
                yield return t;
            }

            foreach (var each in a.Tensors)
            {
                yield return each;
            }

            var graphs = a.G is { } g ? a.Graphs.Prepend(g) : a.Graphs;
            foreach (var sub in graphs.SelectMany(InGraph))
            {
                yield return sub;
            }
        }
    }
}
