namespace ModelCompress.Engine.Steps.Graph;

/// <summary>A weight initializer the pruner may zero: input W of Conv, input B of Gemm or MatMul. Never a bias.</summary>
internal sealed record PrunableWeight(OnnxNode Node, OnnxTensor Tensor)
{
    private static readonly string[] Ops = ["Conv", "Gemm", "MatMul"];

    /// <summary>The selected weights in node order; a weight shared by several nodes appears once (first user).</summary>
    public static List<PrunableWeight> Find(OnnxGraph graph, NodeSelection selection)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<PrunableWeight>();
        foreach (var node in graph.Nodes)
        {
            if (node.Domain is not ("" or "ai.onnx") || !Ops.Contains(node.OpType) || selection.Reject(node) is not null)
            {
                continue;
            }

            var name = node.Input(1);
            if (graph.TryGetInitializer(name, out var tensor)
                && tensor.DataType is OnnxDataType.Float or OnnxDataType.Float16 or OnnxDataType.Double
                && tensor.ElementCount > 0 && seen.Add(name))
            {
                result.Add(new PrunableWeight(node, tensor));
            }
        }

        return result;
    }

    /// <summary>The same tensor with the elements flagged in <paramref name="prune"/> set to zero, in its own type.</summary>
    public OnnxTensor Zeroed(ReadOnlySpan<bool> prune)
    {
        switch (Tensor.DataType)
        {
            case OnnxDataType.Float16:
                var halves = Tensor.ToHalfArray();
                Clear(halves, prune);
                return OnnxTensor.FromHalves(Tensor.Name, Tensor.Dims, halves);
            case OnnxDataType.Double:
                var doubles = Tensor.ToDoubleArray();
                Clear(doubles, prune);
                return OnnxTensor.FromDoubles(Tensor.Name, Tensor.Dims, doubles);
            default:
                var floats = Tensor.ToFloatArray();
                Clear(floats, prune);
                return OnnxTensor.FromFloats(Tensor.Name, Tensor.Dims, floats);
        }
    }

    private static void Clear<T>(T[] values, ReadOnlySpan<bool> prune)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (prune[i])
            {
                values[i] = default!;
            }
        }
    }
}
