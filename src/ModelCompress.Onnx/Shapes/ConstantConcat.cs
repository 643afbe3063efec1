namespace ModelCompress.Onnx.Shapes;

/// <summary>
/// Folds a Concat of 1-D constants into a constant, so that shape inputs built that way (PyTorch exports
/// Resize scales as Concat(Constant, Constant)) can be read by the rules that follow.
/// </summary>
internal static class ConstantConcat
{
    public static void Record(ShapeContext c, OnnxNode n)
    {
        var parts = Enumerable.Range(0, n.Inputs.Count).Select(i => c.Constant(n, i)).ToArray();
        if (parts.Length == 0 || parts.Any(p => p is null || p.Dims.Count != 1 || p.DataType != parts[0]!.DataType))
        {
            return;
        }

        var length = parts.Sum(p => p!.ElementCount);
        switch (parts[0]!.DataType)
        {
            case OnnxDataType.Int64 or OnnxDataType.Int32:
                c.AddConstant(n.Output(0), OnnxTensor.FromInt64s(n.Output(0), [length], parts.SelectMany(p => p!.ToInt64Array()).ToArray()));
                break;
            case OnnxDataType.Float:
                c.AddConstant(n.Output(0), OnnxTensor.FromFloats(n.Output(0), [length], parts.SelectMany(p => p!.ToFloatArray()).ToArray()));
                break;
        }
    }
}
