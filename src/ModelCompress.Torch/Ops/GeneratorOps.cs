namespace ModelCompress.Torch.Ops;

/// <summary>Ops that make tensors from attributes and shapes: Constant, ConstantOfShape, Range.</summary>
internal static class GeneratorOps
{
    public static void Register(OpRegistryBuilder r)
    {
        r.Add("Constant", 1, Constant);
        r.Add("ConstantOfShape", 9, n => (x, _) =>
        {
            var shape = TensorValues.Longs(x[0]!);
            using var value = n.TensorValue("value") is { } proto ? TensorProtoConverter.ToTorch(proto) : torch.zeros(1, ScalarType.Float32);
            return [value.reshape(1).expand(shape.Length == 0 ? [] : shape).reshape(shape).contiguous()];
        }, 0);
        r.Simple("Range", 11, x => Range(x[0]!, x[1]!, x[2]!), 0, 1, 2);
    }

    private static NodeKernel Constant(OnnxNode node)
    {
        Func<Tensor> make =
            node.TensorValue("value") is { } proto ? () => TensorProtoConverter.ToTorch(proto)
            : node.Has("value_float") ? () => torch.tensor(node.Float("value_float", 0f))
            : node.Floats("value_floats") is { } floats ? () => torch.tensor(floats)
            : node.Has("value_int") ? () => torch.tensor(node.Int("value_int", 0))
            : node.Ints("value_ints") is { } ints ? () => torch.tensor(ints)
            : throw new CompressionException(TorchDiagnostics.UnsupportedNodeSetting("Constant", node.Name, "a constant that is not numeric (sparse or string)"));
        return (_, _) => [make()];
    }

    private static Tensor Range(Tensor start, Tensor limit, Tensor delta)
    {
        // ONNX: n = max(ceil((limit - start) / delta), 0) elements start + i * delta, in the inputs' type.
        var (s, l, d) = (TensorValues.Scalar(start), TensorValues.Scalar(limit), TensorValues.Scalar(delta));
        var count = (long)Math.Max(Math.Ceiling((l - s) / d), 0);
        var steps = torch.arange(count, ScalarType.Float64);
        return ((steps * d) + s).to_type(start.dtype);
    }
}
