namespace ModelCompress.Torch.Ops;

/// <summary>ONNX pads (begin..., end...) and auto_pad, mapped onto torch's symmetric padding arguments.</summary>
internal static class Padding
{
    /// <summary>The explicit pads of a Conv/Pool node for this input size, resolving auto_pad.</summary>
    public static long[] Resolve(OnnxNode node, long[] inSize, long[] kernel, long[] strides, long[] dilations)
    {
        var spatial = inSize.Length;
        var autoPad = node.String("auto_pad", "NOTSET");
        switch (autoPad)
        {
            case "NOTSET":
                return node.Ints("pads") ?? new long[2 * spatial];
            case "VALID":
                return new long[2 * spatial];
            case "SAME_UPPER":
            case "SAME_LOWER":
                var pads = new long[2 * spatial];
                for (var i = 0; i < spatial; i++)
                {
                    var output = (inSize[i] + strides[i] - 1) / strides[i];
                    var total = Math.Max(0, ((output - 1) * strides[i]) + ((kernel[i] - 1) * dilations[i]) + 1 - inSize[i]);
                    var small = total / 2;
                    (pads[i], pads[i + spatial]) = autoPad == "SAME_UPPER" ? (small, total - small) : (total - small, small);
                }

                return pads;
            default:
                throw node.Unsupported($"auto_pad='{autoPad}'");
        }
    }

    /// <summary>
    /// Splits pads into a symmetric part torch's op can take (at most <paramref name="maxSymmetric"/>) and the
    /// rest, applied here with <paramref name="value"/>. Returns a new tensor (an alias when nothing had to be padded).
    /// </summary>
    public static (Tensor Input, long[] Symmetric) ApplyAsymmetric(Tensor x, long[] pads, double value, long maxSymmetric = long.MaxValue)
    {
        var spatial = pads.Length / 2;
        var symmetric = new long[spatial];
        var extra = new long[2 * spatial];
        var any = false;
        for (var i = 0; i < spatial; i++)
        {
            symmetric[i] = Math.Min(Math.Min(pads[i], pads[i + spatial]), maxSymmetric);
            var axis = spatial - 1 - i;
            extra[2 * axis] = pads[i] - symmetric[i];
            extra[(2 * axis) + 1] = pads[i + spatial] - symmetric[i];
            any |= extra[2 * axis] != 0 || extra[(2 * axis) + 1] != 0;
        }

        return any ? (nn.functional.pad(x, extra, PaddingModes.Constant, value), symmetric) : (x.alias(), symmetric);
    }
}
