namespace ModelCompress.Onnx.Shapes;

/// <summary>Gemm, MatMul and the quantization ops that wrap them.</summary>
internal static class LinearRules
{
    public static void Register(Dictionary<string, ShapeRule> rules)
    {
        rules["Gemm"] = Gemm;
        rules["MatMul"] = (c, n) => [MatMul(c, n, c.Input(n, 0)?.ElementType)];
        rules["MatMulInteger"] = (c, n) => [MatMul(c, n, OnnxDataType.Int32)];
        rules["DynamicQuantizeLinear"] = (c, n) =>
            c.Input(n, 0) is { } x
                ? [x with { ElementType = OnnxDataType.UInt8 }, OnnxTensorType.Of(OnnxDataType.Float), OnnxTensorType.Of(OnnxDataType.UInt8)]
                : null;
        rules["QuantizeLinear"] = (c, n) =>
            c.Input(n, 0) is { } x ? [x with { ElementType = c.Input(n, 2)?.ElementType ?? OnnxDataType.UInt8 }] : null;
        rules["DequantizeLinear"] = (c, n) =>
            c.Input(n, 0) is { } x ? [x with { ElementType = c.Input(n, 1)?.ElementType ?? OnnxDataType.Float }] : null;
    }

    private static OnnxTensorType?[]? Gemm(ShapeContext c, OnnxNode n)
    {
        var a = c.Input(n, 0);
        var b = c.Dims(n, 1);
        if (a?.Dims is not { Count: 2 } ad || b is not { Count: 2 })
        {
            return a is null ? null : [new OnnxTensorType(a.ElementType, null)];
        }

        var m = n.GetInt("transA") != 0 ? ad[1] : ad[0];
        var cols = n.GetInt("transB") != 0 ? b[0] : b[1];
        return [new OnnxTensorType(a.ElementType, [m, cols])];
    }

    // numpy.matmul: 1-D operands get a dimension added and removed again; leading dims broadcast.
    private static OnnxTensorType? MatMul(ShapeContext c, OnnxNode n, OnnxDataType? type)
    {
        var a = c.Dims(n, 0);
        var b = c.Dims(n, 1);
        if (type is not { } elementType || a is not { Count: > 0 } || b is not { Count: > 0 })
        {
            return type is { } t ? new OnnxTensorType(t, null) : null;
        }

        var left = a.Count == 1 ? [OnnxDim.Of(1), a[0]] : a;
        var right = b.Count == 1 ? [b[0], OnnxDim.Of(1)] : b;
        var batch = Dims.Broadcast(left.Take(left.Count - 2).ToArray(), right.Take(right.Count - 2).ToArray());
        if (batch is null)
        {
            return new OnnxTensorType(elementType, null);
        }

        var dims = batch.ToList();
        if (a.Count > 1)
        {
            dims.Add(left[^2]);
        }

        if (b.Count > 1)
        {
            dims.Add(right[^1]);
        }

        return new OnnxTensorType(elementType, dims);
    }
}
