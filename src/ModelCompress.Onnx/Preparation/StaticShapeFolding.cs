namespace ModelCompress.Onnx.Preparation;

/// <summary>
/// Replaces <c>Shape</c> (with its opset-15 <c>start</c>/<c>end</c>) and <c>Size</c> by an int64 initializer where
/// the dimensions they read are all known numbers. A symbolic batch dimension outside the slice read does not stop
/// it: <c>Shape(x, start=1)</c> of a [batch, 3, 32, 32] input folds to [3, 32, 32].
/// </summary>
public static class StaticShapeFolding
{
    /// <summary>Folds in place; returns how many nodes became initializers.</summary>
    public static int Run(OnnxModel model, IReadOnlyDictionary<string, OnnxTensorType> types)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(types);
        var graph = model.Graph;
        var folded = 0;
        foreach (var node in graph.Nodes.Where(n => n.Domain is "" or "ai.onnx" && n.OpType is "Shape" or "Size" && n.Outputs.Count == 1).ToList())
        {
            var output = node.Outputs[0];
            if (output.Length == 0 || graph.IsGraphOutput(output) || types.GetValueOrDefault(node.Input(0))?.Dims is not { } dims)
            {
                continue;
            }

            var value = node.OpType == "Size" ? SizeOf(output, dims) : ShapeOf(output, dims, node);
            if (value is null)
            {
                continue;
            }

            graph.RemoveNode(node);
            graph.SetInitializer(value);
            folded++;
        }

        LegacyInitializerInputs.Declare(model);
        return folded;
    }

    private static OnnxTensor? SizeOf(string name, IReadOnlyList<OnnxDim> dims) =>
        dims.All(d => d.IsKnown) ? OnnxTensor.FromInt64s(name, [], [OnnxTensor.Product(dims.Select(d => d.Value!.Value).ToArray())]) : null;

    private static OnnxTensor? ShapeOf(string name, IReadOnlyList<OnnxDim> dims, OnnxNode node)
    {
        var rank = dims.Count;
        var start = Clamp(node.GetInt("start", 0), rank);
        var end = Clamp(node.GetInt("end", rank), rank);
        var slice = dims.Skip((int)start).Take((int)Math.Max(0, end - start)).ToArray();
        return slice.All(d => d.IsKnown) ? OnnxTensor.FromInt64s(name, [slice.Length], slice.Select(d => d.Value!.Value).ToArray()) : null;
    }

    private static long Clamp(long axis, int rank) => Math.Clamp(axis < 0 ? axis + rank : axis, 0, rank);
}
