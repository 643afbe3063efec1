namespace ModelCompress.Onnx.Shapes;

/// <summary>
/// Follows the values of small integer tensors computed from <c>Shape</c> (ONNX's "data propagation"): the
/// PyTorch exporter with a dynamic batch, and tf2onnx, build Reshape targets as Shape → Gather/Slice → Unsqueeze →
/// Concat. Knowing those entries (a symbolic batch stays a symbol) lets Reshape, and everything after it, be inferred.
/// </summary>
internal static class ShapeValues
{
    /// <summary>Records the value of <paramref name="node"/>'s output when it can be worked out from shape values and constants.</summary>
    public static void Record(ShapeContext c, OnnxNode n)
    {
        if (n.Outputs.Count == 0 || n.Output(0).Length == 0 || Of(c, n) is not { } value)
        {
            return;
        }

        c.AddValue(n.Output(0), value);
    }

    private static OnnxDim[]? Of(ShapeContext c, OnnxNode n) => n.OpType switch
    {
        "Shape" => Shape(c, n),
        "Gather" when n.GetInt("axis") == 0 => Gather(c.ValueOf(n, 0), c.ConstantInts(n, 1)),
        "Unsqueeze" or "Squeeze" or "Identity" => Computed(c, n, 0),
        "Cast" when (OnnxDataType)n.GetInt("to") is OnnxDataType.Int64 or OnnxDataType.Int32 => Computed(c, n, 0),
        "Concat" => Concat(c, n),
        "Slice" => Slice(c, n),
        "Mul" or "Add" or "Sub" or "Div" => Arithmetic(n.OpType, c.ValueOf(n, 0), c.ValueOf(n, 1)),
        _ => null,
    };

    // Only computed values are propagated; constants are already readable as constants.
    private static OnnxDim[]? Computed(ShapeContext c, OnnxNode n, int index) =>
        c.Values.TryGetValue(n.Input(index), out var value) ? value : null;

    private static OnnxDim[]? Shape(ShapeContext c, OnnxNode n)
    {
        if (c.Dims(n, 0) is not { } dims)
        {
            return null;
        }

        var start = Math.Clamp(Dims.Axis(n.GetInt("start", 0), dims.Count), 0, dims.Count);
        var end = Math.Clamp(Dims.Axis(n.GetInt("end", dims.Count), dims.Count), start, dims.Count);
        return dims.Skip(start).Take(end - start).ToArray();
    }

    private static OnnxDim[]? Gather(OnnxDim[]? data, long[]? indices)
    {
        if (data is null || indices is null || indices.Any(i => i < -data.Length || i >= data.Length))
        {
            return null;
        }

        return indices.Select(i => data[Dims.Axis(i, data.Length)]).ToArray();
    }

    private static OnnxDim[]? Concat(ShapeContext c, OnnxNode n)
    {
        if (!n.Inputs.Any(c.Values.ContainsKey))
        {
            return null;
        }

        var parts = Enumerable.Range(0, n.Inputs.Count).Select(i => c.ValueOf(n, i)).ToArray();
        return parts.Any(p => p is null) ? null : parts.SelectMany(p => p!).ToArray();
    }

    private static OnnxDim[]? Slice(ShapeContext c, OnnxNode n)
    {
        var data = Computed(c, n, 0);
        var (starts, ends, axes, steps) = c.Opset >= 10
            ? (c.ConstantInts(n, 1), c.ConstantInts(n, 2), n.Input(3).Length > 0 ? c.ConstantInts(n, 3) : [0], n.Input(4).Length > 0 ? c.ConstantInts(n, 4) : [1])
            : (n.GetInts("starts")?.ToArray(), n.GetInts("ends")?.ToArray(), n.GetInts("axes")?.ToArray() ?? [0], [1L]);
        if (data is null || starts is not [var s] || ends is not [var e] || axes is not [0 or -1] || steps is not [1])
        {
            return null;
        }

        var from = (int)Math.Clamp(s < 0 ? s + data.Length : s, 0, data.Length);
        var to = (int)Math.Clamp(e < 0 ? e + data.Length : e, from, data.Length);
        return data[from..to];
    }

    // Element-wise integer arithmetic on shape entries (h·w of a flatten, a head count from a division).
    private static OnnxDim[]? Arithmetic(string op, OnnxDim[]? a, OnnxDim[]? b)
    {
        if (a is null || b is null || (a.Length != b.Length && a.Length != 1 && b.Length != 1))
        {
            return null;
        }

        var length = Math.Max(a.Length, b.Length);
        var result = new OnnxDim[length];
        for (var i = 0; i < length; i++)
        {
            var (x, y) = (a[a.Length == 1 ? 0 : i], b[b.Length == 1 ? 0 : i]);
            result[i] = (op, x.Value, y.Value) switch
            {
                (_, { } p, { } q) when op != "Div" || (q != 0 && p % q == 0) => OnnxDim.Of(op switch
                {
                    "Mul" => checked(p * q),
                    "Add" => checked(p + q),
                    "Sub" => checked(p - q),
                    _ => p / q,
                }),
                ("Mul" or "Div", _, 1) or ("Add" or "Sub", _, 0) => x,
                ("Mul", 1, _) or ("Add", 0, _) => y,
                _ => OnnxDim.Unknown,
            };
        }

        return result;
    }
}
