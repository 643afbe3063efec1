namespace ModelCompress.Onnx.Shapes;

/// <summary>Convolutions, pools and resize: ops over [N, C, spatial...] tensors.</summary>
internal static class SpatialRules
{
    public static void Register(Dictionary<string, ShapeRule> rules)
    {
        rules["Conv"] = (c, n) => [Conv(c, n, c.Input(n, 0)?.ElementType)];
        rules["ConvInteger"] = (c, n) => [Conv(c, n, OnnxDataType.Int32)];
        rules["MaxPool"] = (c, n) => [Pool(c, n), n.Outputs.Count > 1 && Pool(c, n) is { } p ? p with { ElementType = OnnxDataType.Int64 } : null];
        rules["AveragePool"] = (c, n) => [Pool(c, n)];
        rules["LpPool"] = (c, n) => [Pool(c, n)];
        rules["GlobalAveragePool"] = Global;
        rules["GlobalMaxPool"] = Global;
        rules["GlobalLpPool"] = Global;
        rules["Resize"] = Resize;
        rules["Upsample"] = Resize;
        rules["Pad"] = Pad;
    }

    // Paddle2ONNX and tf2onnx put an explicit Pad before pools and convs. Pads are an attribute before opset 11, a
    // constant input [begin..., end...] after; with the opset 18 axes input the rule gives up rather than guess.
    private static OnnxTensorType?[]? Pad(ShapeContext c, OnnxNode n)
    {
        var input = c.Input(n, 0);
        var pads = c.Opset >= 11 ? c.ConstantInts(n, 1) : n.GetInts("pads")?.ToArray();
        if (input?.Dims is not { } x || pads is null || pads.Length != 2 * x.Count || n.Input(3).Length > 0)
        {
            return null;
        }

        static OnnxDim Padded(OnnxDim d, long added) => added == 0 ? d : d.IsKnown ? OnnxDim.Of(d.Value!.Value + added) : OnnxDim.Unknown;
        return [new OnnxTensorType(input.ElementType, x.Select((d, i) => Padded(d, pads[i] + pads[i + x.Count])).ToArray())];
    }

    private static OnnxTensorType? Conv(ShapeContext c, OnnxNode n, OnnxDataType? type)
    {
        var x = c.Dims(n, 0);
        var w = c.Dims(n, 1);
        if (type is not { } elementType || x is null || x.Count < 3)
        {
            return null;
        }

        var spatial = x.Count - 2;
        var kernel = n.GetInts("kernel_shape") ?? (w is { } wd && wd.Count == x.Count && wd.Skip(2).All(d => d.IsKnown)
            ? wd.Skip(2).Select(d => d.Value!.Value).ToArray()
            : null);
        var channels = w is { Count: > 0 } ? w[0] : OnnxDim.Unknown;
        return kernel is null ? null : new OnnxTensorType(elementType, Window(n, x, channels, kernel, spatial, ceil: false));
    }

    private static OnnxTensorType? Pool(ShapeContext c, OnnxNode n)
    {
        var input = c.Input(n, 0);
        var kernel = n.GetInts("kernel_shape");
        if (input?.Dims is not { Count: >= 3 } x || kernel is null)
        {
            return null;
        }

        var ceil = n.GetInt("ceil_mode") != 0;
        return new OnnxTensorType(input.ElementType, Window(n, x, x[1], kernel, x.Count - 2, ceil));
    }

    private static OnnxDim[] Window(OnnxNode n, IReadOnlyList<OnnxDim> x, OnnxDim channels, IReadOnlyList<long> kernel, int spatial, bool ceil)
    {
        var strides = n.GetInts("strides") ?? Enumerable.Repeat(1L, spatial).ToArray();
        var dilations = n.GetInts("dilations") ?? Enumerable.Repeat(1L, spatial).ToArray();
        var pads = n.GetInts("pads") ?? new long[spatial * 2];
        var autoPad = n.GetString("auto_pad", "NOTSET");
        var result = new OnnxDim[x.Count];
        result[0] = x[0];
        result[1] = channels;
        for (var i = 0; i < spatial; i++)
        {
            result[i + 2] = Dims.Window(x[i + 2], kernel[i], strides[i], dilations[i], pads[i], pads[i + spatial], autoPad, ceil);
        }

        return result;
    }

    private static OnnxTensorType?[]? Global(ShapeContext c, OnnxNode n)
    {
        var input = c.Input(n, 0);
        if (input?.Dims is not { Count: >= 3 } x)
        {
            return null;
        }

        var dims = x.Take(2).Concat(Enumerable.Repeat(OnnxDim.Of(1), x.Count - 2)).ToArray();
        return [new OnnxTensorType(input.ElementType, dims)];
    }

    // Resize reads scales from input 2 (opset 11+) or 1 (opset 10, Upsample), or explicit sizes from input 3.
    private static OnnxTensorType?[]? Resize(ShapeContext c, OnnxNode n)
    {
        var input = c.Input(n, 0);
        if (input?.Dims is not { } x)
        {
            return null;
        }

        var sizes = n.OpType == "Resize" && c.Opset >= 11 ? c.ConstantInts(n, 3) : null;
        if (sizes is { Length: > 0 } && sizes.Length == x.Count)
        {
            return [new OnnxTensorType(input.ElementType, sizes.Select(OnnxDim.Of).ToArray())];
        }

        var scales = (n.OpType == "Resize" && c.Opset >= 11 ? c.ConstantFloats(n, 2) : c.ConstantFloats(n, 1))
            ?? n.GetFloats("scales")?.ToArray();
        if (scales is null || scales.Length != x.Count)
        {
            return [new OnnxTensorType(input.ElementType, null)];
        }

        var dims = x.Select((d, i) => scales[i] == 1f ? d
            : d.Value is { } v ? OnnxDim.Of((long)Math.Floor(v * (double)scales[i])) : OnnxDim.Unknown).ToArray();
        return [new OnnxTensorType(input.ElementType, dims)];
    }
}
