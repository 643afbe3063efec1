namespace ModelCompress.Onnx.Shapes;

/// <summary>ArgMax/ArgMin (classifier heads of exported detectors and taggers): int64 indices, the axis kept as 1 or removed.</summary>
internal static class ArgReduceRules
{
    public static void Register(Dictionary<string, ShapeRule> rules)
    {
        rules["ArgMax"] = ArgReduce;
        rules["ArgMin"] = ArgReduce;
    }

    private static OnnxTensorType?[]? ArgReduce(ShapeContext c, OnnxNode n)
    {
        if (c.Dims(n, 0) is not { } x)
        {
            return null;
        }

        var axis = Dims.Axis(n.GetInt("axis", 0), x.Count);
        var keep = n.GetInt("keepdims", 1) != 0;
        var dims = keep ? x.Select((d, i) => i == axis ? OnnxDim.Of(1) : d).ToArray() : x.Where((_, i) => i != axis).ToArray();
        return [new OnnxTensorType(OnnxDataType.Int64, dims)];
    }
}
