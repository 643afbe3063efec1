namespace ModelCompress.Torch.Ops;

/// <summary>Pad: constant, reflect, edge (and wrap), pads as attribute before opset 11, as inputs after, axes from 18.</summary>
internal static class PadOps
{
    public static void Register(OpRegistryBuilder r)
    {
        r.Add("Pad", 2, n => ActivationOps.Unary(x => Pad(n, x, n.Ints("pads") ?? [], n.Float("value", 0f), null)));
        r.Add("Pad", 11, n => (x, _) => [Pad(
            n,
            x[0]!,
            TensorValues.Longs(x[1]!),
            x.Length > 2 && x[2] is { } value ? TensorValues.Scalar(value) : 0.0,
            x.Length > 3 && x[3] is { } axes ? TensorValues.Longs(axes) : null)], 1, 2, 3);
    }

    private static Tensor Pad(OnnxNode node, Tensor x, long[] pads, double value, long[]? axes)
    {
        var rank = (int)x.dim();
        axes = axes is null ? Enumerable.Range(0, rank).Select(i => (long)i).ToArray() : TensorValues.Axes(axes, rank);
        var begin = new long[rank];
        var end = new long[rank];
        for (var i = 0; i < axes.Length; i++)
        {
            begin[axes[i]] = pads[i];
            end[axes[i]] = pads[i + axes.Length];
        }

        // torch lists pads from the last dimension backwards and, for reflect/replicate, only for trailing dims.
        var first = Enumerable.Range(0, rank).FirstOrDefault(d => begin[d] != 0 || end[d] != 0, rank);
        var torchPads = new List<long>();
        for (var d = rank - 1; d >= first; d--)
        {
            torchPads.Add(begin[d]);
            torchPads.Add(end[d]);
        }

        if (torchPads.Count == 0)
        {
            return x.alias();
        }

        var mode = node.String("mode", "constant") switch
        {
            "constant" => PaddingModes.Constant,
            "reflect" => PaddingModes.Reflect,
            "edge" => PaddingModes.Replicate,
            "wrap" => PaddingModes.Circular,
            var other => throw node.Unsupported($"mode='{other}'"),
        };
        return nn.functional.pad(x, torchPads.ToArray(), mode, value);
    }
}
