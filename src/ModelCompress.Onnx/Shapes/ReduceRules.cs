namespace ModelCompress.Onnx.Shapes;

/// <summary>
/// The Reduce ops (tf2onnx writes Keras' global pooling as ReduceMean over H, W) and ArgMax/ArgMin: the reduced axes
/// become 1 (keepdims) or disappear. Axes are an attribute before opset 18 (ReduceSum: 13) and an input after.
/// </summary>
internal static class ReduceRules
{
    private static readonly string[] Reduce =
    [
        "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1", "ReduceL2", "ReduceLogSum",
        "ReduceLogSumExp", "ReduceSumSquare",
    ];

    public static void Register(Dictionary<string, ShapeRule> rules)
    {
        foreach (var op in Reduce)
        {
            rules[op] = ReduceOver;
        }

        rules["ArgMax"] = ArgReduce;
        rules["ArgMin"] = ArgReduce;
    }

    private static OnnxTensorType?[]? ReduceOver(ShapeContext c, OnnxNode n)
    {
        var input = c.Input(n, 0);
        var axesAsInput = c.Opset >= (n.OpType == "ReduceSum" ? 13 : 18);
        var axes = axesAsInput ? (n.Input(1).Length > 0 ? c.ConstantInts(n, 1) : []) : n.GetInts("axes")?.ToArray() ?? [];
        if (input?.Dims is not { } x || axes is null)
        {
            return null;
        }

        if (axes.Length == 0)
        {
            // No axes: every axis, unless noop_with_empty_axes makes the op an identity.
            axes = axesAsInput && n.GetInt("noop_with_empty_axes", 0) != 0 ? [] : Enumerable.Range(0, x.Count).Select(i => (long)i).ToArray();
        }

        return [new OnnxTensorType(input.ElementType, Reduced(x, axes.Select(a => Dims.Axis(a, x.Count)).ToHashSet(), n.GetInt("keepdims", 1) != 0))];
    }

    private static OnnxTensorType?[]? ArgReduce(ShapeContext c, OnnxNode n)
    {
        if (c.Dims(n, 0) is not { } x)
        {
            return null;
        }

        return [new OnnxTensorType(OnnxDataType.Int64, Reduced(x, [Dims.Axis(n.GetInt("axis", 0), x.Count)], n.GetInt("keepdims", 1) != 0))];
    }

    private static OnnxDim[] Reduced(IReadOnlyList<OnnxDim> x, HashSet<int> axes, bool keep) =>
        keep ? x.Select((d, i) => axes.Contains(i) ? OnnxDim.Of(1) : d).ToArray() : x.Where((_, i) => !axes.Contains(i)).ToArray();
}
