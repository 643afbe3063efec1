namespace ModelCompress.Engine.Steps.Graph;

/// <summary>
/// Conv(X, W, B) → DynamicQuantizeLinear(X) → ConvInteger(X_q, W_q, X_zp, W_zp) → Cast(float) → Mul(X_scale × W_scale)
/// → Add(B). ONNX Runtime's CPU ConvInteger implements uint8 weights only, so the symmetric int8 weights are
/// stored shifted to uint8 with zero point 128; the per-channel scale and the bias are kept as [M, 1, 1] so they
/// broadcast over the [N, M, H, W] output.
/// </summary>
internal static class ConvQuantization
{
    private static readonly string[] CopiedAttributes = ["auto_pad", "dilations", "group", "kernel_shape", "pads", "strides"];

    /// <summary>Rewrites the node into <paramref name="nodes"/>; returns a skip reason instead when it cannot.</summary>
    public static string? Rewrite(QuantizeRewrite rewrite, OnnxNode node, List<OnnxNode> nodes)
    {
        var graph = rewrite.Graph;
        if (!graph.TryGetInitializer(node.Input(1), out var weight) || weight.DataType != OnnxDataType.Float || weight.Dims.Count < 3)
        {
            return "the weight (input W) is not a float32 initializer of rank 3 or more";
        }

        OnnxTensor? bias = null;
        if (node.Input(2).Length > 0 && (!graph.TryGetInitializer(node.Input(2), out bias) || bias.DataType != OnnxDataType.Float))
        {
            return "the bias (input B) is not a float32 initializer";
        }

        if (rewrite.RejectActivation(node.Input(0)) is { } rejected)
        {
            return rejected;
        }

        var channels = (int)weight.Dims[0];
        var inner = (int)(weight.ElementCount / channels);
        var channelShape = new long[weight.Dims.Count - 1];
        Array.Fill(channelShape, 1L);
        channelShape[0] = channels;

        var (q, scales) = SymmetricWeights.Quantize(weight.ToFloatArray(), rewrite.PerChannel ? channels : 1, rewrite.PerChannel ? i => i / inner : _ => 0);
        var stem = QuantizeRewrite.Stem(node.DisplayName);
        var wq = rewrite.AddInitializer($"{weight.Name}_quantized", name => OnnxTensor.FromUInt8s(name, weight.Dims, SymmetricWeights.ToUInt8(q)));
        var wScale = rewrite.AddInitializer($"{weight.Name}_scale", name =>
            rewrite.PerChannel ? OnnxTensor.FromFloats(name, channelShape, scales) : OnnxTensor.Scalar(name, scales[0]));
        var wZero = rewrite.AddInitializer($"{weight.Name}_zero_point", name => OnnxTensor.FromUInt8s(name, [], [128]));
        var biasName = bias is null ? null
            : rewrite.AddInitializer($"{bias.Name}_reshaped", name => OnnxTensor.FromFloats(name, channelShape, bias.ToFloatArray()));

        var (xq, xScale, xZero) = rewrite.Activation(node.Input(0), nodes);
        var integer = graph.UniqueName($"{stem}_ConvInteger_output");
        var conv = OnnxNode.Create("ConvInteger", graph.UniqueName($"{stem}_ConvInteger"), [xq, wq, xZero, wZero], [integer]);
        foreach (var attribute in node.Proto.Attribute.Where(a => CopiedAttributes.Contains(a.Name)))
        {
            conv.Proto.Attribute.Add(attribute.Clone());
        }

        nodes.Add(conv);
        rewrite.Rescale(nodes, stem, integer, xScale, wScale, biasName, node.Output(0));
        return null;
    }
}
